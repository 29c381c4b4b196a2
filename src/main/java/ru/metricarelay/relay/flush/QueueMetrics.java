package ru.metricarelay.relay.flush;

import java.time.Instant;
import java.util.function.Supplier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ru.metricarelay.metrica.MetricaRequest.Api;
import ru.metricarelay.queue.QueueStore;

/**
 * The meters of queued delivery (docs/architecture.md#queued-delivery), registered only in queued mode: depth and
 * oldest age and dead rows (from the store, read at most every few seconds), rows per request, the flush's uploads by
 * API and outcome, rows rejected, and whether Metrica's quota keeps flushes waiting.
 */
final class QueueMetrics {

    /** How long a depth reading is reused: a scrape must not scan the queue each time. */
    private static final long STATS_TTL_MS = 5_000;

    private final MeterRegistry registry;
    private final Supplier<QueueStore.Stats> stats;
    private volatile QueueStore.Stats last;
    private volatile long lastAt;

    QueueMetrics(MeterRegistry registry, Supplier<QueueStore.Stats> stats, Supplier<Instant> quotaUntil) {
        this.registry = registry;
        this.stats = stats;
        Gauge.builder("relay.queue.depth", this, m -> m.stats().queued()).description("rows waiting for a flush").register(registry);
        Gauge.builder("relay.queue.oldest.age", this, m -> {
            Long age = m.stats().oldestAgeS();
            return age == null ? Double.NaN : age;
        }).baseUnit("seconds").description("age of the oldest queued row (SQLite; NaN for SQS)").register(registry);
        Gauge.builder("relay.queue.dead", this, m -> {
            Long dead = m.stats().dead();
            return dead == null ? Double.NaN : dead;
        }).description("rows in the dead letter: refused by Metrica or set aside, kept for POST /replay").register(registry);
        Gauge.builder("relay.metrica.quota.blocked.until", quotaUntil, q -> {
            Instant until = q.get();
            return until == null ? 0 : until.getEpochSecond();
        }).description("epoch seconds until which Metrica's quota stops flushes; 0 = not blocked").register(registry);
    }

    void request(Api api, String outcome) {
        registry.counter("relay.flush.requests", "api", api.breaker, "outcome", outcome).increment();
    }

    void rowsPerRequest(String output, int rows) {
        DistributionSummary.builder("relay.flush.rows.per.request").tag("output", output).register(registry).record(rows);
    }

    void rejected(int rows) {
        registry.counter("relay.queue.rows.rejected").increment(rows);
    }

    void flushed() {
        lastAt = 0; // the next scrape reads the store again
    }

    private QueueStore.Stats stats() {
        long now = System.currentTimeMillis();
        if (last == null || now - lastAt > STATS_TTL_MS) {
            try {
                last = stats.get();
            } catch (RuntimeException e) {
                return new QueueStore.Stats(-1, null, java.util.Map.of(), null);
            }
            lastAt = now;
        }
        return last;
    }
}
