package ru.metricarelay.relay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to POST /queue/flush (docs/architecture.md#queued-delivery). {@code flushed_rows}: queued rows Metrica
 * accepted (merged rows count each); {@code requests}: Metrica requests made; {@code failed_rows}: rows Metrica
 * rejected, now in the failed-events sink; {@code remaining}: rows still queued; {@code uploads}: one per
 * accepted upload.
 */
@RegisterForReflection
public record FlushReport(@JsonProperty("flushed_rows") int flushedRows, int requests, @JsonProperty("failed_rows") int failedRows,
        long remaining, List<Upload> uploads) {

    /** One accepted upload: its output kind, the rows it carried, Metrica's uploading id. */
    @RegisterForReflection
    public record Upload(String output, int rows, @JsonProperty("uploading_id") String uploadingId) {
    }
}
