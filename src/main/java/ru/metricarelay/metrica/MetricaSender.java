package ru.metricarelay.metrica;

import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;

/**
 * Sends a batch's requests in order (contacts before orders), each through {@link CallPolicy}, with
 * the typed clients {@link CdpClient} and {@link ManagementClient} ({@link MetricaClients} builds them on
 * first use: a dry-run relay never does).
 */
@Singleton
public class MetricaSender {

    // package-private field injection: Quarkus sets them without reflection
    @Inject CallPolicy policy;
    @Inject MetricaClients clients;

    /**
     * @return the uploading id Metrica gave the last request (null if its success body had none);
     *         fails only with a {@link MetricaFailure}
     */
    public Uni<String> send(List<MetricaRequest> requests, Deadline deadline) {
        return send(requests, deadline, true, () -> { });
    }

    /**
     * As {@link #send(List, Deadline)} for a flush of queued delivery ({@link CallPolicy#callFromFlush}): a quota
     * answer (420/429) or an attempt without an answer is not retried but fails at once, with
     * {@link MetricaFailure#quota()} or {@link MetricaFailure#unanswered()}.
     *
     * @param onAttempt runs before every HTTP attempt (retries included): each one spends Metrica's quota
     */
    public Uni<String> sendQueued(List<MetricaRequest> requests, Deadline deadline, Runnable onAttempt) {
        return send(requests, deadline, false, onAttempt);
    }

    private Uni<String> send(List<MetricaRequest> requests, Deadline deadline, boolean webhook, Runnable onAttempt) {
        Uni<String> chain = Uni.createFrom().nullItem();
        for (MetricaRequest request : requests) {
            Supplier<Uni<String>> attempt = () -> {
                onAttempt.run();
                return attempt(request);
            };
            chain = chain.chain(previous -> webhook ? policy.call(request.kind().api, deadline, attempt)
                    : policy.callFromFlush(request.kind().api, deadline, attempt));
        }
        return chain.map(MetricaErrors::uploadingId);
    }

    /**
     * A read of the counter's settings, the cheapest call that needs the token: after Metrica refused the token (401/403),
     * a flush asks this before it takes any row (docs/reliability.md#queued-delivery).
     */
    public Uni<String> readCounter(long counterId, Deadline deadline) {
        return policy.call(MetricaRequest.Api.MANAGEMENT, deadline, () -> clients.counter().counter(counterId, null));
    }

    /** One request through the policy; the answer body. */
    public Uni<String> send(MetricaRequest request, Deadline deadline) {
        return policy.call(request.kind().api, deadline, () -> attempt(request));
    }

    private Uni<String> attempt(MetricaRequest r) {
        long counter = r.counterId();
        return switch (r.kind()) {
            case CONTACTS -> clients.cdp().uploadContacts(counter, r.query().get("merge_mode"), (ContactsUpload) r.json());
            case ORDERS -> clients.cdp().uploadOrders(counter, r.query().get("merge_mode"), (OrdersUpload) r.json());
            case SIMPLE_ORDERS -> clients.cdp().uploadSimpleOrders(counter, r.query().get("merge_mode"),
                    r.query().get("delimiter_type"), file(r.csv()));
            case CONVERSIONS -> clients.management().uploadConversions(counter, r.query().get("client_id_type"), file(r.csv()));
            case CALLS -> clients.management().uploadCalls(counter, file(r.csv()));
            case CHATS -> clients.management().uploadChats(counter, r.query().get("type"), file(r.csv()));
        };
    }

    private static ClientMultipartForm file(MetricaRequest.CsvFile csv) {
        return ClientMultipartForm.create().binaryFileUpload(MetricaRequest.CsvFile.PART, csv.filename(),
                Buffer.buffer(csv.content()), MetricaRequest.CsvFile.CONTENT_TYPE);
    }
}
