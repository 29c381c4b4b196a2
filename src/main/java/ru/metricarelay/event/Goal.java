package ru.metricarelay.event;

import java.math.BigDecimal;

/** A JS-event goal id (the string the goal was created with, not its numeric id) and its optional price. */
public record Goal(String id, BigDecimal price) {

    public static Goal of(String id) {
        return new Goal(id, null);
    }
}
