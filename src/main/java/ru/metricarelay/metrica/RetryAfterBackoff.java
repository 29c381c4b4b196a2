package ru.metricarelay.metrica;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential back-off with "equal jitter" (half fixed, half random, so retrying senders spread out),
 * and never shorter than Metrica's Retry-After. One instance per invocation (SmallRye's contract).
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    static final long MAX_DELAY_MS = 2_000;

    private final AtomicInteger attempt = new AtomicInteger();
    private volatile long initialDelay = 200;

    @Override
    public void init(long initialDelayInMillis) {
        initialDelay = Math.max(1, initialDelayInMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        int n = Math.min(attempt.getAndIncrement(), 20);
        long exponential = Math.min(MAX_DELAY_MS, initialDelay << n);
        long delay = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        if (cause instanceof MetricaFailure.Transient t && t.retryAfter().isPresent()) {
            delay = Math.max(delay, t.retryAfter().get().toMillis());
        }
        return delay;
    }
}
