package ru.metricarelay.metrica;

import java.time.temporal.ChronoUnit;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;

/**
 * Fault tolerance for the CDP API (SPEC §6): retries with back-off on transient failures only, one
 * circuit breaker for the whole API, the shared bulkhead around each HTTP call. Tuning lives in
 * application.properties under quarkus.fault-tolerance."ru.metricarelay.metrica.CdpService/send".
 */
@ApplicationScoped
public class CdpService {

    private final CdpClient client;
    private final MetricaBulkhead bulkhead;

    public CdpService(@RestClient CdpClient client, MetricaBulkhead bulkhead) {
        this.client = client;
        this.bulkhead = bulkhead;
    }

    @Retry(maxRetries = 3, delay = 200, jitter = 0, retryOn = MetricaFailure.Transient.class)
    @CustomBackoff(RetryAfterBackoff.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            failOn = MetricaFailure.Transient.class)
    public Uni<String> send(MetricaRequest request, Deadline deadline) {
        return bulkhead.call(deadline, () -> call(request)).onFailure().transform(f -> MetricaErrors.classify(f, deadline));
    }

    private Uni<String> call(MetricaRequest r) {
        return switch (r.kind()) {
            case CONTACTS -> client.uploadContacts(r.counterId(), r.query().get("merge_mode"), (ContactsUpload) r.json());
            case ORDERS -> client.uploadOrders(r.counterId(), r.query().get("merge_mode"), (OrdersUpload) r.json());
            case SIMPLE_ORDERS -> client.uploadSimpleOrders(r.counterId(), r.query().get("merge_mode"),
                    r.query().get("delimiter_type"), file(r.csv()));
            default -> throw new IllegalArgumentException(r.kind() + " is not a CDP upload");
        };
    }

    static ClientMultipartForm file(MetricaRequest.CsvFile csv) {
        return ClientMultipartForm.create().binaryFileUpload(MetricaRequest.CsvFile.PART, csv.filename(),
                Buffer.buffer(csv.content()), MetricaRequest.CsvFile.CONTENT_TYPE);
    }
}
