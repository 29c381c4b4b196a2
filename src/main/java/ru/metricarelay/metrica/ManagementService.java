package ru.metricarelay.metrica;

import java.time.temporal.ChronoUnit;

import io.smallrye.faulttolerance.api.CustomBackoff;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Fault tolerance for the Management API's offline uploads; same policy as {@link CdpService}, its
 * own circuit breaker (one API failing does not stop the other).
 */
@ApplicationScoped
public class ManagementService {

    private final ManagementClient client;
    private final MetricaBulkhead bulkhead;

    public ManagementService(@RestClient ManagementClient client, MetricaBulkhead bulkhead) {
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
        var file = CdpService.file(r.csv());
        return switch (r.kind()) {
            case CONVERSIONS -> client.uploadConversions(r.counterId(), r.query().get("client_id_type"), file);
            case CALLS -> client.uploadCalls(r.counterId(), file);
            case CHATS -> client.uploadChats(r.counterId(), r.query().get("type"), file);
            default -> throw new IllegalArgumentException(r.kind() + " is not a Management upload");
        };
    }
}
