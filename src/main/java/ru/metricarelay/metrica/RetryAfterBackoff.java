package ru.metricarelay.metrica;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential back-off with "equal jitter" (half fixed, half random, so retrying senders spread out),
 * never shorter than Metrica's Retry-After and never longer than the failure's own budget (the
 * time left before the request's deadline). One instance per call (SmallRye's contract).
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private final long maxDelayMs;
    private final AtomicInteger attempt = new AtomicInteger();
    private volatile long initialDelay = 200;

    public RetryAfterBackoff(Duration maxDelay) {
        this.maxDelayMs = Math.max(1, maxDelay.toMillis());
    }

    @Override
    public void init(long initialDelayInMillis) {
        initialDelay = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        int n = Math.min(attempt.getAndIncrement(), 20);
        long exponential = Math.min(maxDelayMs, initialDelay << n);
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (cause instanceof MetricaFailure.Transient t) {
            if (t.retryAfter().isPresent()) {
                delay = Math.max(delay, t.retryAfter().get().toMillis());
            }
            if (t.budget().isPresent()) {
                delay = Math.min(delay, t.budget().get().toMillis());
            }
        }
        return delay;
    }
}
