package ru.metricarelay.queue;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Why queued rows are not leaving, as the last flush or write found it (docs/reliability.md#queued-delivery): Metrica
 * refused the token or its rights (401/403), or the store cannot write (disk full). Read by GET /queue, doctor and
 * readiness; thread-safe.
 */
public final class QueueHealth {

    /** Since when, and what was answered or thrown (masked: no personal data). */
    @RegisterForReflection
    public record Trouble(Instant since, String detail) {
    }

    private volatile Trouble token;
    private volatile Trouble store;

    /** Metrica answered 401/403 to a flush: no upload until a later check or upload succeeds. */
    public void tokenRefused(String detail) {
        Trouble t = token;
        token = new Trouble(t == null ? Instant.now() : t.since(), detail);
    }

    public void tokenAccepted() {
        token = null;
    }

    public Optional<Trouble> token() {
        return Optional.ofNullable(token);
    }

    /** A write failed: the store may be full or read-only. */
    public void storeFailed(String detail) {
        Trouble t = store;
        store = new Trouble(t == null ? Instant.now() : t.since(), detail);
    }

    public void storeWrites() {
        store = null;
    }

    public Optional<Trouble> store() {
        return Optional.ofNullable(store);
    }
}
