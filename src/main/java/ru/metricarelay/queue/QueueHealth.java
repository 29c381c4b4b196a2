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

    /** One kind of trouble: set with the latest detail (keeping since when), cleared once it is over. */
    private static final class Flag {
        private volatile Trouble trouble;

        void raise(String detail) {
            Trouble t = trouble;
            trouble = new Trouble(t == null ? Instant.now() : t.since(), detail);
        }

        void clear() {
            trouble = null;
        }

        Optional<Trouble> get() {
            return Optional.ofNullable(trouble);
        }
    }

    private final Flag token = new Flag();
    private final Flag store = new Flag();

    /** Metrica answered 401/403 to a flush: no upload until a later check or upload succeeds. */
    public void tokenRefused(String detail) {
        token.raise(detail);
    }

    public void tokenAccepted() {
        token.clear();
    }

    public Optional<Trouble> token() {
        return token.get();
    }

    /** A write failed: the store may be full or read-only. */
    public void storeFailed(String detail) {
        store.raise(detail);
    }

    public void storeWrites() {
        store.clear();
    }

    public Optional<Trouble> store() {
        return store.get();
    }
}
