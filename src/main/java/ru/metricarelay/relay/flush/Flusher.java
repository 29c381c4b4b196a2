package ru.metricarelay.relay.flush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.queue.DeadRow;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueConfig;
import ru.metricarelay.queue.QueueHealth;
import ru.metricarelay.queue.QueueStore.Taken;
import ru.metricarelay.queue.QueueStore;
import ru.metricarelay.relay.flush.QueueMerge.Unit;

/**
 * A flush of queued delivery (docs/reliability.md#queued-delivery): takes up to relay.flush.max-rows rows, merges them,
 * sends one Metrica request per output kind and visitor id column (split at the row caps), removes rows only once
 * Metrica accepted the request that carried them, moves rows Metrica refuses on their own to the dead letter
 * ({@link FlushRound}), and stops at the first failure that names no row. Before it takes anything it settles what an
 * earlier flush could not remove, and after a 401/403 it first asks Metrica whether the token works again. One flush
 * at a time: a caller that arrives while one runs gets that flush's report. Blocking; runs on a worker thread.
 */
@ApplicationScoped
public class Flusher {

    private static final Logger LOG = Logger.getLogger(Flusher.class);

    private final Queue queue;
    private final QueueConfig config;
    private final FlushRound.Tools tools;
    private final long counterId;
    /** Rows Metrica accepted that the store could not remove yet, by their stable id: never sent again. */
    private final Map<String, Taken> owed = new ConcurrentHashMap<>();
    private CompletableFuture<FlushReport> running;
    /** The last flush that ended with a report, for the operator page (in memory: a restart forgets it). */
    private volatile LastFlush last;

    /** When a flush ended and what it reported. */
    public record LastFlush(Instant at, FlushReport report) {
    }

    public Flusher(Queue queue, UploadBuilder uploads, MetricaSender sender, QueueConfig config, MetricaConfig metrica,
            DeliveryMode mode, MeterRegistry registry) {
        this.queue = queue;
        this.config = config;
        this.counterId = metrica.counterId().orElse(0L);
        QuotaGate quota = new QuotaGate(Clock.systemUTC());
        QueueMetrics metrics = new QueueMetrics(registry, this::stats,
                () -> quota.blocked().map(QuotaGate.Block::until).orElse(null));
        this.tools = new FlushRound.Tools(uploads, sender, quota, metrics, queue.health(), mode.dryRun());
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
            last = new LastFlush(Instant.now(), report);
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

    /** The last flush of this process, if one ended since it started. */
    public java.util.Optional<LastFlush> last() {
        return java.util.Optional.ofNullable(last);
    }

    public QueueStatus status() {
        QueueStore.Stats s = stats();
        QueueHealth health = queue.health();
        return new QueueStatus(s.queued(), s.oldestAgeS(), s.byOutput(), s.dead(),
                tools.quota().blocked().map(b -> new QueueStatus.Quota(b.until(), b.detail())).orElse(null),
                health.token().trouble().orElse(null), health.store().trouble().orElse(null));
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
        Deadline deadline = Deadline.in(config.flush().deadline());
        FlushReport.Stopped before = tools.dryRun() ? null : reasonNotToStart(store, deadline);
        if (before != null) {
            LOG.infof("flush skipped (%s): %s", before.reason(), before.detail());
            return new FlushReport(0, 0, 0, stats().queued(), List.of(), before);
        }
        Duration hold = config.backend() == QueueConfig.Backend.SQS ? config.sqs().visibilityTimeout() : config.flush().deadline();
        List<Taken> taken;
        try {
            taken = store.take(config.flush().maxRows(), hold, Instant.now().plus(config.flush().deadline().dividedBy(2)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the queue: " + e.getMessage(), e);
        }
        List<Taken> sendable = setAside(store, settleOwed(store, taken));
        List<Unit> units = QueueMerge.merge(sendable);
        FlushRound round = new FlushRound(tools, store, config.flush(), deadline, owed);
        UploadBuilder.RowCaps caps = new UploadBuilder.RowCaps(config.flush().maxJsonRows(), config.flush().maxCsvRows());
        tools.uploads().uploads(units, Unit::routed, caps).forEach(round::deliver);
        round.releaseTheRest(taken);
        FlushReport report = round.report(stats().queued());
        LOG.debugf("flush: took %d rows (%d after merging), %d delivered, %d failed, %d requests, %d remaining", taken.size(),
                units.size(), report.flushedRows(), report.failedRows(), report.requests(), report.remaining());
        return report;
    }

    /** Quota blocked, delivered rows not yet removed, or the token still refused: this flush takes nothing. */
    private FlushReport.Stopped reasonNotToStart(QueueStore store, Deadline deadline) {
        var blocked = tools.quota().blocked();
        if (blocked.isPresent()) {
            return new FlushReport.Stopped("quota", "Metrica's quota is exhausted until " + blocked.get().until() + " ("
                    + blocked.get().detail() + ")");
        }
        if (!owed.isEmpty()) {
            try {
                store.remove(List.copyOf(owed.values()));
                owed.clear();
                queue.health().store().clear();
            } catch (Exception e) {
                queue.health().store().raise("the queue cannot remove " + owed.size() + " delivered rows: " + e.getMessage());
                return new FlushReport.Stopped("store", queue.health().store().trouble().map(QueueHealth.Trouble::detail).orElse(""));
            }
        }
        if (queue.health().token().trouble().isPresent()) {
            try {
                tools.sender().readCounter(counterId, deadline).await().atMost(config.flush().deadline());
                queue.health().token().clear();
            } catch (MetricaFailure.Rejected r) {
                if (r.metricaStatus() == 401 || r.metricaStatus() == 403) {
                    queue.health().token().raise(r.detail());
                }
                return new FlushReport.Stopped("token", r.detail());
            } catch (RuntimeException e) {
                return new FlushReport.Stopped("metrica_unavailable", e instanceof MetricaFailure f ? f.detail() : e.toString());
            }
        }
        return null;
    }

    /** Rows an earlier flush delivered but could not remove come back with new handles (SQS): removed now, not sent. */
    private List<Taken> settleOwed(QueueStore store, List<Taken> taken) {
        if (owed.isEmpty()) {
            return taken;
        }
        List<Taken> again = taken.stream().filter(t -> owed.containsKey(t.id())).toList();
        try {
            store.remove(again);
            again.forEach(t -> owed.remove(t.id()));
        } catch (Exception e) {
            LOG.warnf("could not remove %d rows Metrica already has: %s", again.size(), e.getMessage());
        }
        return taken.stream().filter(t -> !owed.containsKey(t.id()) && !again.contains(t)).toList();
    }

    /**
     * Entries that are not records, and conversion, call or chat rows that already went out in
     * relay.flush.max-unanswered uploads nobody answered, move to the dead letter instead of being sent again
     * (docs/reliability.md#unanswered-uploads). The rest is sendable.
     */
    private List<Taken> setAside(QueueStore store, List<Taken> taken) {
        List<Taken> unreadable = new ArrayList<>();
        List<Taken> unanswered = new ArrayList<>();
        List<Taken> sendable = new ArrayList<>(taken.size());
        for (Taken t : taken) {
            if (t.record() == null) {
                unreadable.add(t);
            } else if (t.sends() >= config.flush().maxUnanswered() && FlushRound.COUNTED_TWICE.contains(t.record().routed().output())) {
                unanswered.add(t);
            } else {
                sendable.add(t);
            }
        }
        deadLetter(store, unreadable, DeadRow.Why.unreadable());
        deadLetter(store, unanswered, new DeadRow.Why(DeadRow.Reason.UNANSWERED, 0, "went out in " + config.flush().maxUnanswered()
                + " uploads that Metrica never answered: it may already count; replay it only if Metrica's upload list"
                + " (GET /admin/uploads) lacks it"));
        return sendable;
    }

    private void deadLetter(QueueStore store, List<Taken> rows, DeadRow.Why why) {
        try {
            store.deadLetter(rows, why);
        } catch (Exception e) {
            LOG.errorf("%d rows could not be moved to the dead letter (%s); they stay queued: %s", rows.size(), why.reason(),
                    e.getMessage());
        }
    }
}
