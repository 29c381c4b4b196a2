package ru.metricarelay.event;

import java.math.BigDecimal;
import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Routing's decision for one event: which output, and the values it settled (mapped status, revenue
 * kept or dropped, goals, conversion target). {@code event} is null only for adapter-skipped entries.
 */
// Jackson reads it back from the queue and the failed-events store, in a native image too
@RegisterForReflection
public record Routed(String eventId, String source, Output output, String reason, DealEvent event,
        String orderStatus, BigDecimal revenue, BigDecimal cost, String currency, List<Goal> goals, String target) {

    public static Routed ignored(String eventId, String source, String reason) {
        return new Routed(eventId, source, Output.IGNORED, reason, null, null, null, null, null, List.of(), null);
    }
}
