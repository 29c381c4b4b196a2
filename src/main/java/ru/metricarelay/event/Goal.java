package ru.metricarelay.event;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A JS-event goal id (the string the goal was created with, not its numeric id) and its optional price. */
// Jackson reads it back from the queue and the failed-events store, in a native image too
@RegisterForReflection
public record Goal(String id, BigDecimal price) {

    public static Goal of(String id) {
        return new Goal(id, null);
    }
}
