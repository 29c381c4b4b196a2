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

    MetricaFailure(String detail) {
        super(detail, null, false, false);
        this.detail = detail;
    }

    public String detail() {
        return detail;
    }

    /** The status the webhook sender gets. */
    public abstract int answerStatus();

    /** IO error, timeout, 5xx, 420 or 429: worth another try. */
    public static final class Transient extends MetricaFailure {
        private final Duration retryAfter;
        private final Duration budget;

        public Transient(String detail, Duration retryAfter) {
            this(detail, retryAfter, null);
        }

        private Transient(String detail, Duration retryAfter, Duration budget) {
            super(detail);
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
            return new Transient(detail(), retryAfter, budget);
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
            super(detail);
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
        public Unavailable(String detail) {
            super(detail);
        }

        @Override
        public int answerStatus() {
            return 503;
        }
    }
}
