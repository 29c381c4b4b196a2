package ru.metricarelay.relay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Mask;
import ru.metricarelay.inbound.RelayProblem;
import ru.metricarelay.inbound.Result;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.Deadline;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.metrica.MetricaSender;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.metrica.UploadBuilder.Pii;
import ru.metricarelay.routing.Routed;

/**
 * Sends routed records as batches (or, in dry-run, shows them) and reports per event. If a batch
 * fails the whole webhook is answered 503 (or 502 when Metrica rejected it), listing every event's
 * fate, and each failed record is logged — masked — with what an operator needs to replay it.
 */
@Singleton
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final UploadBuilder uploads;
    private final MetricaSender sender;
    private final MetricaConfig metrica;

    public Dispatcher(UploadBuilder uploads, MetricaSender sender, MetricaConfig metrica) {
        this.uploads = uploads;
        this.sender = sender;
        this.metrica = metrica;
    }

    public Uni<List<Result>> dryRun(List<Routed> routed, Instant receivedAt) {
        Map<Routed, Batch> batchOf = index(uploads.batches(routed, receivedAt, Pii.SHOW_MASKED));
        List<Result> results = new ArrayList<>();
        for (Routed r : routed) {
            Batch batch = batchOf.get(r);
            results.add(result(r, null, batch == null ? null
                    : batch.requests().stream().map(q -> q.view(metrica.apiUrl())).toList(), null));
        }
        return Uni.createFrom().item(results);
    }

    public Uni<List<Result>> send(List<Routed> routed, Instant receivedAt, Deadline deadline) {
        List<Batch> batches = uploads.batches(routed, receivedAt, Pii.SEND);
        if (batches.isEmpty()) {
            return Uni.createFrom().item(routed.stream().map(r -> result(r, null, null, null)).toList());
        }
        List<Uni<Outcome>> sends = batches.stream()
                .map(batch -> sender.send(batch.requests(), deadline)
                        .map(id -> new Outcome(batch, id, null))
                        .onFailure(MetricaFailure.class).recoverWithItem(f -> new Outcome(batch, null, (MetricaFailure) f)))
                .toList();
        return Uni.join().all(sends).andFailFast().map(outcomes -> answer(routed, outcomes));
    }

    private List<Result> answer(List<Routed> routed, List<Outcome> outcomes) {
        Map<Routed, Outcome> outcomeOf = new IdentityHashMap<>();
        outcomes.forEach(o -> o.batch.records().forEach(r -> outcomeOf.put(r, o)));
        List<Result> results = new ArrayList<>();
        MetricaFailure worst = null;
        for (Routed r : routed) {
            Outcome o = outcomeOf.get(r);
            if (o != null && o.failure != null) {
                logForReplay(r, o.failure);
                if (worst == null || o.failure.answerStatus() > worst.answerStatus()) {
                    worst = o.failure; // 503 over 502: the sender should retry if anything can still succeed
                }
            } else if (o != null && o.uploadingId == null) {
                LOG.warnf("Metrica accepted %s (%s) without an uploading id in its answer", r.eventId(), r.output());
            }
            results.add(result(r, o == null ? null : o.uploadingId, null, o == null || o.failure == null ? null : o.failure.detail()));
        }
        if (worst != null) {
            throw worst.answerStatus() == 502 ? RelayProblem.metricaRejected(worst.detail(), results)
                    : RelayProblem.metricaUnavailable(worst.detail(), results);
        }
        return results;
    }

    private static Result result(Routed r, String uploadingId, List<Map<String, Object>> request, String error) {
        return new Result(r.eventId(), r.source(), r.output().name(), r.reason(), uploadingId, request, error);
    }

    private static Map<Routed, Batch> index(List<Batch> batches) {
        Map<Routed, Batch> map = new IdentityHashMap<>();
        batches.forEach(b -> b.records().forEach(r -> map.put(r, b)));
        return map;
    }

    /** One line per failed record, masked, with what it takes to send it again. */
    private static void logForReplay(Routed r, MetricaFailure failure) {
        DealEvent e = r.event();
        var id = e.identity();
        LOG.errorf("metrica_failed event_id=%s source=%s output=%s status=%s revenue=%s currency=%s client_id=%s yclid=%s "
                        + "phones=%s emails=%s created_at=%s occurred_at=%s answer=%d error=%s",
                r.eventId(), r.source(), r.output(), r.orderStatus(), r.revenue(), r.currency(), id.clientId(), id.yclid(),
                id.phones().stream().map(Mask::phone).collect(Collectors.joining(",")),
                id.emails().stream().map(Mask::email).collect(Collectors.joining(",")),
                e.createdAt(), e.occurredAt(), failure.answerStatus(), failure.detail());
    }

    private record Outcome(Batch batch, String uploadingId, MetricaFailure failure) {
    }

}
