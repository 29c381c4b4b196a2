package ru.metricarelay.event;

import java.time.Duration;

/** The time left to answer the webhook sender (docs/architecture.md#calling-metrica: default 4 s), shared by every call it makes. */
public record Deadline(long endNanos) {

    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos());
    }

    public Duration remaining() {
        long left = endNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    public boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }
}
