package ru.metricarelay.relay.flush;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer to GET /queue/dead: rows in the dead letter ({@code dead}: all of them; approximate for SQS), the oldest listed. */
@RegisterForReflection
public record DeadList(Long dead, List<DeadView> rows) {
}
