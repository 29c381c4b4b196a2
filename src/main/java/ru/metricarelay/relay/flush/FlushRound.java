package ru.metricarelay.relay.flush;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.metrica.MetricaRequest.Api;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.metrica.UploadBuilder.Pii;
import ru.metricarelay.queue.DeadRow;
import ru.metricarelay.queue.QueueConfig;
import ru.metricarelay.queue.QueueHealth;
import ru.metricarelay.queue.QueueStore;
import ru.metricarelay.queue.QueueStore.Taken;
import ru.metricarelay.relay.flush.QueueMerge.Unit;

/**
 * One flush's sending (docs/reliability.md#queued-delivery): each upload is sent once through the call policy; accepted
 * rows leave the queue at once. Only an answer about rows isolates rows — a 400 is split until the rows Metrica
 * refuses are alone (the CSV line Metrica names is tried alone first), and those go to the dead letter with Metrica's
 * message. Any other failure (401/403, another 4xx, quota, 5xx, no answer, the store failing) stops the flush: nothing
 * is split, nothing leaves the queue.
 */
final class FlushRound {

    private static final Logger LOG = Logger.getLogger(FlushRound.class);
    /** Metrica's "Неверный формат данных, ошибка в строке номер N": N counts the file's lines, the header is line 1. */
    static final Pattern LINE = Pattern.compile("строке\\s+номер\\s+(\\d+)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Rows Metrica keeps no id of: an upload it got twice counts them twice (docs/reliability.md#unanswered-uploads). */
    static final Set<Output> COUNTED_TWICE = EnumSet.of(Output.CONVERSION, Output.CALL, Output.CHAT);
    private static final Duration MIN_LEFT = Duration.ofSeconds(1);

    /** What every round of a flusher shares: built once by {@link Flusher}. */
    record Tools(UploadBuilder uploads, MetricaSender sender, QuotaGate quota, QueueMetrics metrics, QueueHealth health,
            boolean dryRun) {
    }

    private final Tools tools;
    private final QueueStore store;
    private final QueueConfig.Flush limits;
    private final Deadline deadline;
    /** Rows Metrica accepted that the store could not remove yet: the flusher's, kept across flushes. */
    private final Map<String, Taken> owed;
    private final Set<String> settled = new HashSet<>();
    private final List<FlushReport.Upload> accepted = new ArrayList<>();
    private FlushReport.Stopped stopped;
    /** HTTP attempts, retries included (they spend the quota too); the call policy may retry on another thread. */
    private final AtomicInteger requests = new AtomicInteger();
    private int delivered;
    private int failed;

    FlushRound(Tools tools, QueueStore store, QueueConfig.Flush limits, Deadline deadline, Map<String, Taken> owed) {
        this.tools = tools;
        this.store = store;
        this.limits = limits;
        this.deadline = deadline;
        this.owed = owed;
    }

    /** Sends these units (one request group, within the row cap) in one upload, isolating rows only on a 400. */
    void deliver(List<Unit> units) {
        if (units.isEmpty() || stopped != null) {
            return; // stays queued for the next flush
        }
        if (!tools.dryRun() && deadline.remaining().compareTo(MIN_LEFT) < 0) {
            stop("deadline", "the flush's time budget (relay.flush.deadline) is spent");
            return;
        }
        Map<Routed, Unit> unitOf = new IdentityHashMap<>();
        units.forEach(u -> unitOf.put(u.routed(), u));
        Batch batch = tools.uploads().batches(units.stream().map(Unit::routed).toList(), r -> unitOf.get(r).receivedAt(), Pii.SEND).get(0);
        Output output = units.get(0).routed().output();
        if (tools.dryRun()) {
            accepted.add(new FlushReport.Upload(output.name(), units.size(), null)); // what would be sent; nothing leaves the queue
            return;
        }
        if (requests.get() + batch.requests().size() > limits.maxRequests()) {
            stop("max_requests", "relay.flush.max-requests (" + limits.maxRequests() + ") reached");
            return;
        }
        List<Taken> counted = COUNTED_TWICE.contains(output) ? rows(units) : List.of();
        if (!written(() -> store.countSend(counted), "count the upload of " + counted.size() + " rows")) {
            return;
        }
        Api api = batch.requests().get(0).kind().api;
        tools.metrics().rowsPerRequest(output.name(), units.size());
        try {
            String uploadingId = tools.sender().sendQueued(batch.requests(), deadline, requests::incrementAndGet)
                    .await().atMost(deadline.remaining().plus(MIN_LEFT));
            tools.metrics().request(api, "accepted");
            tools.health().token().clear();
            delivered += covered(units);
            accepted.add(new FlushReport.Upload(output.name(), units.size(), uploadingId));
            remove(rows(units));
        } catch (MetricaFailure.Rejected rejected) {
            tools.metrics().request(api, "rejected");
            uncount(counted);
            refused(units, rejected, batch.requests().get(0).csv() != null);
        } catch (MetricaFailure f) {
            if (!f.unanswered()) {
                uncount(counted);
            }
            unavailable(api, f);
        } catch (io.smallrye.mutiny.TimeoutException timeout) { // our own backstop: no answer within the deadline
            tools.metrics().request(api, "unavailable");
            stop("unanswered", "Metrica (" + api.breaker + ") did not answer within the flush deadline");
        }
    }

    /** A 4xx: only a 400 is about rows; 401/403 is the token or its rights; any other names no row either. */
    private void refused(List<Unit> units, MetricaFailure.Rejected rejected, boolean csv) {
        int status = rejected.metricaStatus();
        if (status == 400) {
            isolate(units, rejected, csv);
        } else if (status == 401 || status == 403) {
            tools.health().token().raise(rejected.detail());
            stop("token", rejected.detail());
        } else {
            stop("metrica_refused", rejected.detail());
        }
    }

    private void unavailable(Api api, MetricaFailure f) {
        if (f.quota()) {
            tools.metrics().request(api, "quota");
            var retryAfter = f instanceof MetricaFailure.Unavailable u ? u.retryAfter() : ((MetricaFailure.Transient) f).retryAfter();
            QuotaGate.Block b = tools.quota().block(retryAfter, f.detail());
            LOG.warnf("Metrica's quota is exhausted: no Metrica call until %s; %s", b.until(), f.detail());
            stop("quota", f.detail());
        } else {
            tools.metrics().request(api, "unavailable");
            stop(f.unanswered() ? "unanswered" : "metrica_unavailable", f.detail());
        }
    }

    /** Metrica refused the upload for its rows: find the rows it refuses, deliver the others now. */
    private void isolate(List<Unit> units, MetricaFailure.Rejected rejected, boolean csv) {
        if (units.size() == 1) {
            deadLetter(units.get(0), rejected);
            return;
        }
        Matcher line = LINE.matcher(rejected.detail());
        int suspect = csv && line.find() ? Integer.parseInt(line.group(1)) - 2 : -1;
        if (suspect >= 0 && suspect < units.size()) {
            // tried alone first: a row goes to the dead letter only when Metrica refuses it on its own
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

    private void deadLetter(Unit unit, MetricaFailure.Rejected rejected) {
        List<Taken> rows = unit.covers();
        DeadRow.Why why = new DeadRow.Why(DeadRow.Reason.REFUSED, rejected.metricaStatus(), rejected.detail());
        if (written(() -> store.deadLetter(rows, why), "move " + rows.size() + " refused rows to the dead letter")) {
            rows.forEach(t -> settled.add(t.handle()));
            failed += rows.size();
            tools.metrics().rejected(rows.size());
        }
    }

    /** Metrica has them: if the store cannot forget them now, they are owed, and nothing more is sent until it can. */
    private void remove(List<Taken> rows) {
        rows.forEach(t -> settled.add(t.handle()));
        if (!written(() -> store.remove(rows), "remove " + rows.size() + " delivered rows")) {
            rows.forEach(t -> owed.put(t.id(), t));
        }
    }

    private void uncount(List<Taken> counted) {
        written(() -> store.uncountSend(counted), "take back the count of " + counted.size() + " rows");
    }

    private interface StoreWrite {
        void run() throws Exception;
    }

    /** A write of the store; when it fails, the store is reported failing and the flush stops (no more uploads). */
    private boolean written(StoreWrite write, String what) {
        try {
            write.run();
            return true;
        } catch (Exception e) {
            String detail = "the queue could not " + what + ": " + e.getMessage();
            tools.health().store().raise(detail);
            stop("store", detail);
            return false;
        }
    }

    private void stop(String reason, String detail) {
        if (stopped == null) {
            stopped = new FlushReport.Stopped(reason, detail);
            LOG.warnf("flush stopped (%s), the rows it did not send stay queued: %s", reason, detail);
        }
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

    private static List<Taken> rows(List<Unit> units) {
        return units.stream().flatMap(u -> u.covers().stream()).toList();
    }

    private static int covered(List<Unit> units) {
        return units.stream().mapToInt(u -> u.covers().size()).sum();
    }

    FlushReport report(long remaining) {
        return new FlushReport(delivered, requests.get(), failed, remaining, List.copyOf(accepted), stopped);
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
}
