package ru.metricarelay.metrica;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every number of the Metrica call policy ({@link CallPolicy}), under relay.metrica.* (env
 * RELAY_METRICA_RETRY_MAX_RETRIES and so on). Why these defaults: docs/architecture.md#calling-metrica.
 */
@ConfigMapping(prefix = "relay.metrica")
public interface MetricaCallConfig {

    /** TCP connect timeout of every call. */
    @WithDefault("2s")
    Duration connectTimeout();

    /** Longest wait for one answer; each attempt is cut sooner when the request's deadline is nearer. */
    @WithDefault("5s")
    Duration readTimeout();

    /**
     * An attempt starts only with at least this much of the deadline left: a call that cannot finish
     * in time would reach Metrica for a sender already answered 503, who then sends it again.
     */
    @WithDefault("1s")
    Duration minCallTime();

    /**
     * Time budget of one operator action (doctor, provision, uploads) for all its Metrica calls together;
     * longer than a webhook's, nobody is waiting to resend.
     */
    @WithDefault("30s")
    Duration adminDeadline();

    Retry retry();

    Breaker breaker();

    Bulkhead bulkhead();

    /** Retries of IO errors, timeouts, 5xx, 420 and 429; never of other 4xx. */
    interface Retry {
        /** Retries after the first attempt (so 3 = at most 4 attempts), within the request's deadline. */
        @WithDefault("3")
        int maxRetries();

        /** First back-off; doubles per attempt, half of it random ("equal jitter"), never below Retry-After. */
        @WithDefault("200ms")
        Duration delay();

        /** Longest back-off between two attempts (Retry-After may ask for more, within the deadline). */
        @WithDefault("2s")
        Duration maxDelay();
    }

    /** One circuit breaker per Metrica API (metrica-cdp, metrica-management). */
    interface Breaker {
        /** Calls in the rolling window the failure ratio is judged on. */
        @WithDefault("10")
        int requestVolume();

        /** Share of transient failures in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses calls before it lets a trial call through. */
        @WithDefault("30s")
        Duration delay();
    }

    /** Metrica allows 3 parallel requests per user, across both APIs: one bulkhead for every call. */
    interface Bulkhead {
        /** Metrica calls running at once, both APIs together (Metrica's per-user limit is 3). */
        @WithDefault("3")
        int limit();

        /**
         * Calls waiting for a slot; sized to drain within the deadline (15 ≈ 5 rounds of 3 ≈ 2.5 s at
         * Metrica's usual ~0.5 s). Beyond it the sender gets 503 at once.
         */
        @WithDefault("15")
        int queue();
    }
}
