package ru.metricarelay.relay;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.answer.Result;

/**
 * The answer to POST /replay. {@code read}: events taken from the sink; {@code replayed}: Metrica took
 * them and they left the sink; {@code failed_again}: sent and failed, still in the sink;
 * {@code unreadable}: entries that are not a failed event (kept for a human); {@code remaining}: what
 * the sink holds now (approximate for SQS). {@code results}: one per event, as a webhook answer lists them.
 */
@RegisterForReflection
public record ReplayResponse(@JsonProperty("dry_run") boolean dryRun, int read, int replayed,
        @JsonProperty("failed_again") int failedAgain, int unreadable, long remaining, List<Result> results) {
}
