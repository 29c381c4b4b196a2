package ru.metricarelay.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder.Pii;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.queue.Queue;

/**
 * Sends routed records as batches (or, in dry-run, shows them; in queued mode, stores them) and reports per event. If a batch
 * fails the whole webhook is answered 503 (or 502 when Metrica rejected it), listing every event's
 * fate, and each failed record goes to {@link FailedEvents} (a masked log line, and a durable sink if configured).
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** How long an answer may wait for the failed-events store (file append, SQS send). */
    private static final java.time.Duration STORE_WAIT = java.time.Duration.ofSeconds(2);

    private final UploadBuilder uploads;
    private final MetricaSender sender;
    /** Shown in dry-run request views: where the requests would go. */
    private final String apiUrl;
    private final FailedEvents failedEvents;
    private final MeterRegistry registry;
    private final Queue queue;

    public Dispatcher(UploadBuilder uploads, MetricaSender sender, MetricaConfig metrica, FailedEvents failedEvents,
            MeterRegistry registry, Queue queue) {
        this.uploads = uploads;
        this.sender = sender;
        this.apiUrl = metrica.apiUrl();
        this.failedEvents = failedEvents;
        this.registry = registry;
        this.queue = queue;
    }

    /**
     * Queued delivery (docs/architecture.md#queued-delivery): stores the sendable records durably and reports each
     * event without calling Metrica; 503 when the queue could not store them (nothing was kept: the sender retries).
     */
    public Uni<List<Result>> enqueue(List<Routed> routed, Instant receivedAt) {
        List<Result> results = routed.stream().map(r -> result(r, null, null, null)).toList();
        return queue.put(routed.stream().filter(r -> r.output() != Output.IGNORED && r.event() != null).toList(), receivedAt)
                .onFailure().transform(e -> {
                    LOG.errorf("webhook NOT queued: %s", e.toString());
                    return RelayProblem.queueUnavailable("the relay could not store the webhook; retry later");
                })
                .replaceWith(results);
    }

    /**
     * The requests each event would go in, masked. A batch that carries one event shows them in that event's result; a
     * batch that carries several (an amoCRM batch of 400 leads) lists them once in {@link Delivered#requests()} and its
     * results point at them, so the answer grows with the batch, not with its square (docs/architecture.md#answers).
     */
    public Uni<Delivered> dryRun(List<Routed> routed, Instant receivedAt) {
        Map<Routed, Batch> batchOf = index(uploads.batches(routed, receivedAt, Pii.SHOW_MASKED));
        routed.forEach(r -> count(r, batchOf.containsKey(r) ? "dry_run" : "ignored"));
        return Uni.createFrom().item(shown(routed, batchOf));
    }

    /**
     * The dry-run answer without counting it in relay_events_total: for webhooks no sender sent, which SnapStart
     * priming rehearses before the snapshot (docs/performance.md#snapstart-priming).
     */
    public Uni<Delivered> preview(List<Routed> routed, Instant receivedAt) {
        return Uni.createFrom().item(shown(routed, index(uploads.batches(routed, receivedAt, Pii.SHOW_MASKED))));
    }

    /** Each event's result with the exact requests its batch would send (masked), listed once per batch. */
    private Delivered shown(List<Routed> routed, Map<Routed, Batch> batchOf) {
        List<Map<String, Object>> shared = new ArrayList<>();
        Map<Batch, List<Integer>> refsOf = new IdentityHashMap<>();
        List<Result> results = new ArrayList<>();
        for (Routed r : routed) {
            Batch batch = batchOf.get(r);
            if (batch == null || batch.records().size() == 1) {
                results.add(result(r, null, batch == null ? null : views(batch), null));
            } else {
                results.add(result(r, null, null, null).referring(refsOf.computeIfAbsent(batch, b -> {
                    int first = shared.size();
                    shared.addAll(views(b));
                    return IntStream.range(first, shared.size()).boxed().toList();
                })));
            }
        }
        return new Delivered(results, shared);
    }

    private List<Map<String, Object>> views(Batch batch) {
        return batch.requests().stream().map(q -> q.view(apiUrl)).toList();
    }

    public Uni<List<Result>> send(List<Routed> routed, Instant receivedAt, Deadline deadline) {
        List<Batch> batches = uploads.batches(routed, receivedAt, Pii.SEND);
        if (batches.isEmpty()) {
            routed.forEach(r -> count(r, "ignored"));
            return Uni.createFrom().item(routed.stream().map(r -> result(r, null, null, null)).toList());
        }
        List<Uni<Outcome>> sends = batches.stream()
                .map(batch -> sender.send(batch.requests(), deadline)
                        .map(id -> new Outcome(batch, id, null))
                        .onFailure(MetricaFailure.class).recoverWithItem(f -> new Outcome(batch, null, (MetricaFailure) f)))
                .toList();
        return Uni.join().all(sends).andFailFast().chain(outcomes -> answer(routed, outcomes));
    }

    private Uni<List<Result>> answer(List<Routed> routed, List<Outcome> outcomes) {
        Map<Routed, Outcome> outcomeOf = new IdentityHashMap<>();
        outcomes.forEach(o -> o.batch.records().forEach(r -> outcomeOf.put(r, o)));
        List<Result> results = new ArrayList<>();
        MetricaFailure worst = null;
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (Routed r : routed) {
            Outcome o = outcomeOf.get(r);
            if (o != null && o.failure != null) {
                stored.add(failedEvents.record(r, o.failure.answerStatus(), o.failure.detail()).toCompletableFuture());
                if (worst == null || o.failure.answerStatus() > worst.answerStatus()) {
                    worst = o.failure; // 503 over 502: the sender should retry if anything can still succeed
                }
            } else if (o != null && o.uploadingId == null) {
                LOG.warnf("Metrica accepted %s (%s) without an uploading id in its answer", r.eventId(), r.output());
            }
            results.add(result(r, o == null ? null : o.uploadingId, null, o == null || o.failure == null ? null : o.failure.detail()));
            count(r, o == null ? "ignored" : o.failure == null ? "sent" : o.failure.answerStatus() == 502 ? "rejected" : "unavailable");
        }
        if (worst == null) {
            return Uni.createFrom().item(results);
        }
        RelayProblem problem = worst.answerStatus() == 502 ? RelayProblem.metricaRejected(worst.detail(), results)
                : RelayProblem.metricaUnavailable(worst.detail(), results);
        // answer only once the failed events are stored: a Lambda may be frozen right after it answers
        return Uni.createFrom().completionStage(CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)))
                .ifNoItem().after(STORE_WAIT).recoverWithItem(() -> null)
                // a failed store is logged by FailedEvents; the answer is the same either way
                .onItemOrFailure().transformToUni((ignored, storeFailure) -> Uni.createFrom().failure(problem));
    }

    /** relay_events_total{source,action,outcome} (docs/architecture.md#metrics): every event's fate. */
    private void count(Routed r, String outcome) {
        Counter.builder("relay.events").description("events by source, Metrica record (action) and outcome")
                .tags("source", r.source(), "action", r.output().name(), "outcome", outcome).register(registry).increment();
    }

    private static Result result(Routed r, String uploadingId, List<Map<String, Object>> request, String error) {
        return new Result(r.eventId(), r.source(), r.output().name(), r.reason(), uploadingId, request, error);
    }

    private static Map<Routed, Batch> index(List<Batch> batches) {
        Map<Routed, Batch> map = new IdentityHashMap<>();
        batches.forEach(b -> b.records().forEach(r -> map.put(r, b)));
        return map;
    }

    private record Outcome(Batch batch, String uploadingId, MetricaFailure failure) {
    }

}
