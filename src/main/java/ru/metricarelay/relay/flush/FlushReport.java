package ru.metricarelay.relay.flush;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to POST /queue/flush (docs/architecture.md#queued-delivery). {@code flushed_rows}: queued rows Metrica
 * accepted (merged rows count each); {@code requests}: Metrica requests made; {@code failed_rows}: rows Metrica
 * refused on their own, now in the dead letter; {@code remaining}: rows still queued; {@code uploads}: one per
 * accepted upload; {@code stopped}: why the flush ended before it sent all it took, if it did.
 */
@RegisterForReflection
public record FlushReport(@JsonProperty("flushed_rows") int flushedRows, int requests, @JsonProperty("failed_rows") int failedRows,
        long remaining, List<Upload> uploads, @JsonInclude(JsonInclude.Include.NON_NULL) Stopped stopped) {

    /** One accepted upload: its output kind, the rows it carried, Metrica's uploading id. */
    @RegisterForReflection
    public record Upload(String output, int rows, @JsonProperty("uploading_id") String uploadingId) {
    }

    /**
     * Why a flush stopped early; the rows it had not sent stay queued. {@code reason}: {@code quota},
     * {@code token} (Metrica answered 401/403), {@code metrica_refused} (another 4xx that names no row),
     * {@code metrica_unavailable} (5xx, network, open breaker), {@code unanswered} (no answer came),
     * {@code store} (the queue cannot write), {@code deadline}, {@code max_requests}.
     */
    @RegisterForReflection
    public record Stopped(String reason, String detail) {
    }
}
