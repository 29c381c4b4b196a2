package ru.metricarelay.failed;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.event.Routed;

/**
 * One event Metrica did not take, with everything needed to send it again: the routed record
 * (canonical event + routing decision), why it failed and when. Serialised as one JSON line with pinned names and a
 * format number (docs/reliability.md#stored-formats).
 */
@RegisterForReflection
public record FailedEvent(
        @JsonProperty("format") int format, @JsonProperty("failed_at") Instant failedAt,
        @JsonProperty("answer_status") int answerStatus, @JsonProperty("error") String error,
        @JsonProperty("routed") Routed routed) {

    /** The format this relay writes. Lines without "format" were written before it existed (up to ca23169): format 1. */
    public static final int FORMAT = 1;

    public FailedEvent {
        format = format == 0 ? FORMAT : format;
    }

    public FailedEvent(Instant failedAt, int answerStatus, String error, Routed routed) {
        this(FORMAT, failedAt, answerStatus, error, routed);
    }

    /** Whether this relay can replay it: a complete event in a format it knows. */
    public boolean readable() {
        return format <= FORMAT && routed != null && routed.event() != null && failedAt != null;
    }
}
