package ru.metricarelay.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.Routed;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.metrica.MetricaRequest.Api;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.metrica.UploadBuilder.Pii;
import ru.metricarelay.queue.QueueConfig;
import ru.metricarelay.queue.QueueStore;
import ru.metricarelay.queue.QueueStore.Taken;
import ru.metricarelay.relay.QueueMerge.Unit;

/**
 * One flush's sending (docs/architecture.md#queued-delivery): each request is sent once through the call policy;
 * accepted rows leave the queue at once; a rejected request is split until the rows Metrica refuses are alone
 * (the CSV line Metrica names is tried alone first), and those go to the failed-events sink with Metrica's
 * message; 5xx, timeouts or an open breaker stop calling that API for this flush; a quota answer stops all calls.
 */
final class FlushRound {

    private static final Logger LOG = Logger.getLogger(FlushRound.class);
    /** Metrica's "Неверный формат данных, ошибка в строке номер N": N counts the file's lines, the header is line 1. */
    static final Pattern LINE = Pattern.compile("строке\\s+номер\\s+(\\d+)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Duration MIN_LEFT = Duration.ofSeconds(1);
    /** How long a rejected row may take to reach the failed-events sink before it is kept for the next flush. */
    private static final long SINK_WAIT_S = 5;

    /** What every round of a flusher shares: built once by {@link Flusher}. */
    record Tools(UploadBuilder uploads, MetricaSender sender, FailedEvents failedEvents, QuotaGate quota, QueueMetrics metrics,
            boolean dryRun) {
    }

    private final Tools tools;
    private final QueueStore store;
    private final QueueConfig.Flush limits;
    private final Deadline deadline;
    private final Set<Api> stopped = EnumSet.noneOf(Api.class);
    private final Set<String> settled = new HashSet<>();
    private final List<FlushReport.Upload> accepted = new ArrayList<>();
    private boolean quotaHit;
    /** HTTP attempts, retries included (they spend the quota too); the call policy may retry on another thread. */
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    private int delivered;
    private int failed;

    FlushRound(Tools tools, QueueStore store, QueueConfig.Flush limits, Deadline deadline) {
        this.tools = tools;
        this.store = store;
        this.limits = limits;
        this.deadline = deadline;
    }

    /** Sends these units (one request group, within the row cap) in one upload, isolating rejected rows. */
    void deliver(List<Unit> units) {
        if (units.isEmpty() || (!tools.dryRun() && (quotaHit || deadline.remaining().compareTo(MIN_LEFT) < 0))) {
            return; // stays queued for the next flush
        }
        Map<Routed, Unit> unitOf = new IdentityHashMap<>();
        units.forEach(u -> unitOf.put(u.routed(), u));
        Batch batch = tools.uploads().batches(units.stream().map(Unit::routed).toList(), r -> unitOf.get(r).receivedAt(), Pii.SEND).get(0);
        String output = units.get(0).routed().output().name();
        if (tools.dryRun()) {
            accepted.add(new FlushReport.Upload(output, units.size(), null)); // what would be sent; nothing leaves the queue
            return;
        }
        Api api = batch.requests().get(0).kind().api;
        if (stopped.contains(api) || requests.get() + batch.requests().size() > limits.maxRequests()) {
            return; // stays queued for the next flush
        }
        tools.metrics().rowsPerRequest(output, units.size());
        try {
            String uploadingId = tools.sender().sendQueued(batch.requests(), deadline, requests::incrementAndGet)
                    .await().atMost(deadline.remaining().plus(MIN_LEFT));
            tools.metrics().request(api, "accepted");
            remove(units);
            delivered += covered(units);
            accepted.add(new FlushReport.Upload(output, units.size(), uploadingId));
        } catch (MetricaFailure.Rejected rejected) {
            tools.metrics().request(api, "rejected");
            isolate(units, rejected, batch.requests().get(0).csv() != null);
        } catch (MetricaFailure f) {
            if (f.quota()) {
                tools.metrics().request(api, "quota");
                quotaHit = true;
                var retryAfter = f instanceof MetricaFailure.Unavailable u ? u.retryAfter()
                        : ((MetricaFailure.Transient) f).retryAfter();
                QuotaGate.Block b = tools.quota().block(retryAfter, f.detail());
                LOG.warnf("Metrica's quota is exhausted: no Metrica call until %s; %s", b.until(), f.detail());
            } else {
                tools.metrics().request(api, "unavailable");
                stopped.add(api);
                LOG.warnf("Metrica (%s) unavailable, rows stay queued: %s", api.breaker, f.detail());
            }
        } catch (io.smallrye.mutiny.TimeoutException timeout) { // our own backstop: no answer within the deadline
            tools.metrics().request(api, "unavailable");
            stopped.add(api);
            LOG.warnf("Metrica (%s) did not answer within the flush deadline, rows stay queued", api.breaker);
        }
    }

    /** Metrica refused the upload: find the rows it refuses, deliver the others now. */
    private void isolate(List<Unit> units, MetricaFailure.Rejected rejected, boolean csv) {
        if (units.size() == 1) {
            fail(units.get(0), rejected);
            return;
        }
        Matcher line = LINE.matcher(rejected.detail());
        int suspect = csv && line.find() ? Integer.parseInt(line.group(1)) - 2 : -1;
        if (suspect >= 0 && suspect < units.size()) {
            // tried alone first: a row goes to the failed events only when Metrica refuses it on its own
            deliver(List.of(units.get(suspect)));
            List<Unit> rest = new ArrayList<>(units);
            rest.remove(suspect);
            deliver(rest);
            return;
        }
        int half = units.size() / 2;
        deliver(units.subList(0, half));
        deliver(units.subList(half, units.size()));
    }

    private void fail(Unit unit, MetricaFailure.Rejected rejected) {
        Routed r = unit.routed();
        if (!stored(tools.failedEvents().record(r, rejected.answerStatus(), rejected.detail()).toCompletableFuture())) {
            LOG.errorf("event %s rejected by Metrica but not stored in the failed-events sink: it stays queued", r.eventId());
            return;
        }
        remove(List.of(unit));
        failed += covered(List.of(unit));
        tools.metrics().rejected(covered(List.of(unit)));
    }

    /** Waits (a little) for the failed-events sink: a row leaves the queue only once the sink holds it. */
    private static boolean stored(java.util.concurrent.CompletableFuture<Void> stored) {
        try {
            stored.get(SINK_WAIT_S, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private void remove(List<Unit> units) {
        List<Taken> rows = units.stream().flatMap(u -> u.covers().stream()).toList();
        try {
            store.remove(rows);
        } catch (Exception e) {
            // Metrica has them; a later flush sends them again, which replaces (orders) or may repeat (conversions)
            LOG.errorf("could not remove %d delivered rows from the queue: %s", rows.size(), e.getMessage());
        }
        rows.forEach(t -> settled.add(t.handle()));
    }

    /** Makes what this flush took but did not settle visible to the next flush at once. */
    void releaseTheRest(List<Taken> taken) {
        List<Taken> kept = taken.stream().filter(t -> t.record() != null && !settled.contains(t.handle())).toList();
        try {
            store.release(kept);
        } catch (Exception e) {
            LOG.warnf("could not release %d rows; they come back when their hold ends: %s", kept.size(), e.getMessage());
        }
    }

    private static int covered(List<Unit> units) {
        return units.stream().mapToInt(u -> u.covers().size()).sum();
    }

    int requests() {
        return requests.get();
    }

    int delivered() {
        return delivered;
    }

    int failed() {
        return failed;
    }

    List<FlushReport.Upload> uploads() {
        return List.copyOf(accepted);
    }
}
