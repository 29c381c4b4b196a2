package ru.metricarelay.relay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.config.StartupCheck;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueConfig;
import ru.metricarelay.queue.QueueStore;
import ru.metricarelay.queue.QueueStore.Taken;
import ru.metricarelay.relay.QueueMerge.Unit;

/**
 * A flush of queued delivery (docs/architecture.md#queued-delivery): takes up to relay.flush.max-rows rows, merges them,
 * sends one Metrica request per output kind and visitor id column (split at the row caps), removes rows only once
 * Metrica accepted the request that carried them, isolates rows Metrica rejects ({@link FlushRound}), and stops
 * calling Metrica on a quota answer until it resets. One flush at a time: a caller that arrives while one runs
 * gets that flush's report. Blocking; runs on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class Flusher {

    private static final Logger LOG = Logger.getLogger(Flusher.class);

    private final Queue queue;
    private final QueueConfig config;
    private final FlushRound.Tools tools;
    private CompletableFuture<FlushReport> running;

    public Flusher(Queue queue, UploadBuilder uploads, MetricaSender sender, FailedEvents failedEvents, QueueConfig config,
            MetricaConfig metrica, RelayConfig relay, MeterRegistry registry) {
        this.queue = queue;
        this.config = config;
        QuotaGate quota = new QuotaGate(Clock.systemUTC());
        QueueMetrics metrics = new QueueMetrics(registry, this::stats,
                () -> quota.blocked().map(QuotaGate.Block::until).orElse(null));
        this.tools = new FlushRound.Tools(uploads, sender, failedEvents, quota, metrics, StartupCheck.isDryRun(metrica, relay));
    }

    /** Flushes now, or waits for the flush already running and answers with its report. */
    public FlushReport flush() {
        CompletableFuture<FlushReport> mine;
        synchronized (this) {
            if (running != null) {
                mine = running;
            } else {
                running = new CompletableFuture<>();
                mine = null;
            }
        }
        if (mine != null) {
            return mine.join();
        }
        CompletableFuture<FlushReport> result = running;
        try {
            FlushReport report = run();
            result.complete(report);
            return report;
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                running = null;
            }
            tools.metrics().flushed();
        }
    }

    /** The timer's flush: logs its outcome instead of answering anyone. */
    public void flushOnTimer() {
        try {
            FlushReport r = flush();
            if (r.requests() > 0 || r.failedRows() > 0) {
                LOG.infof("flush: %d rows delivered in %d requests, %d rejected, %d remaining", r.flushedRows(), r.requests(),
                        r.failedRows(), r.remaining());
            }
        } catch (RuntimeException e) {
            LOG.errorf("flush failed: %s", e.toString());
        }
    }

    public QueueStatus status() {
        QueueStore.Stats s = stats();
        return new QueueStatus(s.queued(), s.oldestAgeS(), s.byOutput(),
                tools.quota().blocked().map(b -> new QueueStatus.Quota(b.until(), b.detail())).orElse(null));
    }

    private QueueStore.Stats stats() {
        try {
            return queue.store().stats();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the queue: " + e.getMessage(), e);
        }
    }

    private FlushReport run() {
        QueueStore store = queue.store();
        var blocked = tools.quota().blocked();
        if (blocked.isPresent() && !tools.dryRun()) {
            LOG.infof("flush skipped: Metrica's quota is exhausted until %s (%s)", blocked.get().until(), blocked.get().detail());
            return new FlushReport(0, 0, 0, stats().queued(), List.of());
        }
        Deadline deadline = Deadline.in(config.flush().deadline());
        Duration hold = config.backend() == QueueConfig.Backend.SQS ? config.sqs().visibilityTimeout() : config.flush().deadline();
        List<Taken> taken;
        try {
            taken = store.take(config.flush().maxRows(), hold, Instant.now().plus(config.flush().deadline().dividedBy(2)));
            store.deadLetter(taken.stream().filter(t -> t.record() == null).toList());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the queue: " + e.getMessage(), e);
        }
        List<Unit> units = QueueMerge.merge(taken.stream().filter(t -> t.record() != null).toList());
        FlushRound round = new FlushRound(tools, store, config.flush(), deadline);
        for (List<Unit> group : groups(units)) {
            int cap = jsonUpload(group.get(0).routed().output()) ? config.flush().maxJsonRows() : config.flush().maxCsvRows();
            for (int from = 0; from < group.size(); from += cap) {
                round.deliver(group.subList(from, Math.min(group.size(), from + cap)));
            }
        }
        round.releaseTheRest(taken);
        long remaining = stats().queued();
        LOG.debugf("flush: took %d rows (%d after merging), %d delivered, %d failed, %d requests, %d remaining", taken.size(),
                units.size(), round.delivered(), round.failed(), round.requests(), remaining);
        return new FlushReport(round.delivered(), round.requests(), round.failed(), remaining, round.uploads());
    }

    /** The builder's request groups, as units. */
    private List<List<Unit>> groups(List<Unit> units) {
        Map<Routed, Unit> unitOf = new IdentityHashMap<>();
        units.forEach(u -> unitOf.put(u.routed(), u));
        List<List<Unit>> groups = new ArrayList<>();
        for (List<Routed> group : tools.uploads().groups(units.stream().map(Unit::routed).toList())) {
            groups.add(group.stream().map(unitOf::get).toList());
        }
        return groups;
    }

    /** CDP uploads are JSON (contacts, orders); the rest are CSV files. */
    static boolean jsonUpload(Output output) {
        return output == Output.ORDER || output == Output.CONTACT;
    }
}
