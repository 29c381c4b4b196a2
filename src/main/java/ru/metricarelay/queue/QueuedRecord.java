package ru.metricarelay.queue;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.event.Routed;

/** One routed record waiting for a flush, with the time its webhook was received (dates are built from it). */
@RegisterForReflection
public record QueuedRecord(@JsonProperty("received_at") Instant receivedAt, Routed routed) {

    /** A stored entry back as a record; null when it is not one (a parse error would quote personal data: not kept). */
    static QueuedRecord read(ObjectMapper json, String body) {
        try {
            QueuedRecord r = json.readValue(body, QueuedRecord.class);
            return r.routed() != null && r.routed().event() != null && r.receivedAt() != null ? r : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
