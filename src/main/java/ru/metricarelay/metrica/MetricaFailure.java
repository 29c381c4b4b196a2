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
    private final boolean unanswered;

    MetricaFailure(String detail, boolean quota, boolean unanswered) {
        super(detail, null, false, false);
        this.detail = detail;
        this.quota = quota;
        this.unanswered = unanswered;
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

    /**
     * The request may have reached Metrica but no answer came (a read timeout, a deadline cut the wait): Metrica may
     * have taken it. A flush never sends such an upload again itself (docs/reliability.md#unanswered-uploads).
     */
    public boolean unanswered() {
        return unanswered;
    }

    /** The status the webhook sender gets. */
    public abstract int answerStatus();

    /** IO error, timeout, 5xx, 420 or 429: worth another try. */
    public static final class Transient extends MetricaFailure {
        private final Duration retryAfter;
        private final Duration budget;

        public Transient(String detail, Duration retryAfter) {
            this(detail, retryAfter, null, false, false);
        }

        /** A 420 or 429 answer ({@link #quota()}). */
        static Transient quota(String detail, Duration retryAfter) {
            return new Transient(detail, retryAfter, null, true, false);
        }

        /** No answer within the read timeout ({@link #unanswered()}). */
        static Transient unanswered(String detail) {
            return new Transient(detail, null, null, false, true);
        }

        private Transient(String detail, Duration retryAfter, Duration budget, boolean quota, boolean unanswered) {
            super(detail, quota, unanswered);
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
            return new Transient(detail(), retryAfter, budget, quota(), unanswered());
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
            super(detail, false, false);
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
            this(detail, false, null, false);
        }

        private Unavailable(String detail, boolean quota, Duration retryAfter, boolean unanswered) {
            super(detail, quota, unanswered);
            this.retryAfter = retryAfter;
        }

        /** A quota answer the caller asked not to retry ({@link CallPolicy}'s flush calls): it keeps Metrica's Retry-After. */
        static Unavailable quotaNotRetried(Transient quota) {
            return new Unavailable(quota.detail(), true, quota.retryAfter().orElse(null), false);
        }

        /** An attempt that got no answer and is not tried again (a flush's upload, or the deadline came first). */
        static Unavailable unanswered(String detail) {
            return new Unavailable(detail, false, null, true);
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
