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

    /** One kind of trouble: raised with the latest detail (keeping since when), cleared once it is over. */
    public static final class Flag {
        private volatile Trouble trouble;

        public void raise(String detail) {
            Trouble t = trouble;
            trouble = new Trouble(t == null ? Instant.now() : t.since(), detail);
        }

        public void clear() {
            trouble = null;
        }

        public Optional<Trouble> trouble() {
            return Optional.ofNullable(trouble);
        }
    }

    private final Flag token = new Flag();
    private final Flag store = new Flag();

    /** Metrica answered 401/403 to a flush: raised until a later counter read or upload succeeds. */
    public Flag token() {
        return token;
    }

    /** A write failed (the store may be full or read-only): raised until a write succeeds. */
    public Flag store() {
        return store;
    }
}
