package ru.metricarelay.relay.flush;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.queue.QueueHealth;

/**
 * The answer to GET /queue (docs/architecture.md#queued-delivery): rows queued, the oldest one's age in seconds,
 * rows per output kind, rows in the dead letter; {@code quota} only while Metrica's quota keeps flushes from calling
 * it, {@code token_refused} while Metrica refuses the token (401/403), {@code store_failing} while the queue cannot
 * write. SQS tells only approximate totals: there {@code oldest_age_s} is null and {@code by_output} empty, and
 * {@code dead} is null without a dead-letter queue.
 */
@RegisterForReflection
public record QueueStatus(long queued, @JsonProperty("oldest_age_s") Long oldestAgeS,
        @JsonProperty("by_output") Map<String, Long> byOutput, Long dead,
        @JsonInclude(JsonInclude.Include.NON_NULL) Quota quota,
        @JsonProperty("token_refused") @JsonInclude(JsonInclude.Include.NON_NULL) QueueHealth.Trouble tokenRefused,
        @JsonProperty("store_failing") @JsonInclude(JsonInclude.Include.NON_NULL) QueueHealth.Trouble storeFailing) {

    /** No Metrica call before {@code blocked_until}; {@code detail}: Metrica's answer that set it. */
    @RegisterForReflection
    public record Quota(@JsonProperty("blocked_until") Instant blockedUntil, String detail) {
    }
}
