package ru.metricarelay.event;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Routing's decision for one event: which output, and the values it settled (mapped status, revenue
 * kept or dropped, goals, conversion target). {@code event} is null only for adapter-skipped entries.
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 */
@RegisterForReflection
public record Routed(
        @JsonProperty("eventId") String eventId, @JsonProperty("source") String source,
        @JsonProperty("output") Output output, @JsonProperty("reason") String reason,
        @JsonProperty("event") DealEvent event, @JsonProperty("orderStatus") String orderStatus,
        @JsonProperty("revenue") BigDecimal revenue, @JsonProperty("cost") BigDecimal cost,
        @JsonProperty("currency") String currency, @JsonProperty("goals") List<Goal> goals,
        @JsonProperty("target") String target) {

    public static Routed ignored(String eventId, String source, String reason) {
        return new Routed(eventId, source, Output.IGNORED, reason, null, null, null, null, null, List.of(), null);
    }
}
