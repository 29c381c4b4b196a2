package ru.metricarelay.relay.flush;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The answer to POST /replay in queued mode (docs/reliability.md#dead-letter): {@code read} dead rows, {@code requeued}
 * back into the queue, {@code unreadable} kept for a human, {@code remaining} in the dead letter after the flush;
 * {@code flush}: the flush that sent them; in a dry run, {@code rows}: what would be put back (masked).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadReplay(@JsonProperty("dry_run") boolean dryRun, int read, int requeued, int unreadable, Long remaining,
        List<DeadView> rows, FlushReport flush) {
}
