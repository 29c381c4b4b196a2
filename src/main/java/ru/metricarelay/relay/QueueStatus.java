package ru.metricarelay.relay;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to GET /queue (docs/architecture.md#queued-delivery): rows queued, the oldest one's age in seconds,
 * rows per output kind; {@code quota} only while Metrica's quota keeps flushes from calling it. SQS tells
 * only an approximate total: there {@code oldest_age_s} is null and {@code by_output} empty.
 */
@RegisterForReflection
public record QueueStatus(long queued, @JsonProperty("oldest_age_s") Long oldestAgeS,
        @JsonProperty("by_output") Map<String, Long> byOutput, @JsonInclude(JsonInclude.Include.NON_NULL) Quota quota) {

    /** No Metrica call before {@code blocked_until}; {@code detail}: Metrica's answer that set it. */
    @RegisterForReflection
    public record Quota(@JsonProperty("blocked_until") Instant blockedUntil, String detail) {
    }
}
