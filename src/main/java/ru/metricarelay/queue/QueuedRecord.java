package ru.metricarelay.queue;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.event.Routed;

/**
 * One routed record waiting for a flush, with the time its webhook was received (dates are built from it). Stored as
 * JSON with pinned names and a format number (docs/reliability.md#stored-formats): rows queued by an older relay are
 * read after an upgrade; a row written by a newer format is not guessed at but set aside (dead letter).
 */
@RegisterForReflection
public record QueuedRecord(
        @JsonProperty("format") int format, @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("routed") Routed routed) {

    /** The format this relay writes. Rows without "format" were written before it existed (up to ca23169): format 1. */
    public static final int FORMAT = 1;

    public QueuedRecord {
        format = format == 0 ? FORMAT : format;
    }

    public QueuedRecord(Instant receivedAt, Routed routed) {
        this(FORMAT, receivedAt, routed);
    }

    /** A stored entry back as a record; null when it is not one (a parse error would quote personal data: not kept). */
    static QueuedRecord read(ObjectMapper json, String body) {
        try {
            QueuedRecord r = json.readValue(body, QueuedRecord.class);
            return r.format() <= FORMAT && r.routed() != null && r.routed().event() != null && r.receivedAt() != null ? r : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
