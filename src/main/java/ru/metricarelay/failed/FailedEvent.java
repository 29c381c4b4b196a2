package ru.metricarelay.failed;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.event.Routed;

/**
 * One event Metrica did not take, with everything needed to send it again: the routed record
 * (canonical event + routing decision), why it failed and when. Serialised as one JSON line.
 */
@RegisterForReflection
public record FailedEvent(@JsonProperty("failed_at") Instant failedAt, @JsonProperty("answer_status") int answerStatus,
        String error, Routed routed) {
}
