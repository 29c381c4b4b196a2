package ru.metricarelay.event;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A JS-event goal id (the string the goal was created with, not its numeric id) and its optional price.
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 */
@RegisterForReflection
public record Goal(
        @JsonProperty("id") String id, @JsonProperty("price") BigDecimal price) {

    public static Goal of(String id) {
        return new Goal(id, null);
    }
}
