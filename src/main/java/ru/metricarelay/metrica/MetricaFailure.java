package ru.metricarelay.metrica;

import java.time.Duration;
import java.util.Optional;

/**
 * Why a Metrica call did not succeed, in the terms the sender is answered in: {@link Transient}
 * (retried here; 503 when retries run out), {@link Rejected} (Metrica refused the record: 502, never
 * retried) and {@link Unavailable} (circuit open, too many calls queued, deadline reached: 503 now).
 */
public abstract sealed class MetricaFailure extends RuntimeException {

    private final String detail;
    private final boolean quota;

    MetricaFailure(String detail, boolean quota) {
        super(detail, null, false, false);
        this.detail = detail;
        this.quota = quota;
    }

    public String detail() {
        return detail;
    }

    /**
     * Metrica answered 420 or 429: a quota (docs/architecture.md#queued-delivery). A flush stops calling until
     * it resets; a webhook in direct mode retries as for any transient failure.
     */
    public boolean quota() {
        return quota;
    }

    /** The status the webhook sender gets. */
    public abstract int answerStatus();

    /** IO error, timeout, 5xx, 420 or 429: worth another try. */
    public static final class Transient extends MetricaFailure {
        private final Duration retryAfter;
        private final Duration budget;

        public Transient(String detail, Duration retryAfter) {
            this(detail, retryAfter, null, false);
        }

        /** A 420 or 429 answer ({@link #quota()}). */
        static Transient quota(String detail, Duration retryAfter) {
            return new Transient(detail, retryAfter, null, true);
        }

        private Transient(String detail, Duration retryAfter, Duration budget, boolean quota) {
            super(detail, quota);
            this.retryAfter = retryAfter;
            this.budget = budget;
        }

        /** Metrica's Retry-After, if it sent one. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        /** The longest a retry may wait for it (the time left before the deadline); empty = unbounded. */
        public Optional<Duration> budget() {
            return Optional.ofNullable(budget);
        }

        Transient waitingAtMost(Duration budget) {
            return new Transient(detail(), retryAfter, budget, quota());
        }

        @Override
        public int answerStatus() {
            return 503;
        }
    }

    /** Metrica refused the request (4xx other than 420/429): sending it again changes nothing. */
    public static final class Rejected extends MetricaFailure {
        private final int metricaStatus;

        public Rejected(int metricaStatus, String detail) {
            super(detail, false);
            this.metricaStatus = metricaStatus;
        }

        public int metricaStatus() {
            return metricaStatus;
        }

        @Override
        public int answerStatus() {
            return 502;
        }
    }

    /** Not tried (or not tried again) here; the sender should retry later. */
    public static final class Unavailable extends MetricaFailure {
        private final Duration retryAfter;

        public Unavailable(String detail) {
            this(detail, false, null);
        }

        private Unavailable(String detail, boolean quota, Duration retryAfter) {
            super(detail, quota);
            this.retryAfter = retryAfter;
        }

        /** A quota answer the caller asked not to retry ({@link CallPolicy}'s flush calls): it keeps Metrica's Retry-After. */
        static Unavailable quotaNotRetried(Transient quota) {
            return new Unavailable(quota.detail(), true, quota.retryAfter().orElse(null));
        }

        /** Metrica's Retry-After of a quota answer, if it sent one. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public int answerStatus() {
            return 503;
        }
    }
}
