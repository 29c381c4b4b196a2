package ru.metricarelay.metrica;

import java.time.Duration;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;

/** Sends a batch's requests in order (contacts before orders) through the API's fault-tolerant service. */
@Singleton
public class MetricaSender {

    private final CdpService cdp;
    private final ManagementService management;

    public MetricaSender(CdpService cdp, ManagementService management) {
        this.cdp = cdp;
        this.management = management;
    }

    /**
     * @return the uploading id Metrica gave the last request (null if its success body had none);
     *         fails only with a {@link MetricaFailure}
     */
    public Uni<String> send(List<MetricaRequest> requests, Deadline deadline) {
        Uni<String> chain = Uni.createFrom().nullItem();
        for (MetricaRequest request : requests) {
            chain = chain.chain(previous -> send(request, deadline));
        }
        Duration left = deadline.remaining();
        return chain.map(MetricaErrors::uploadingId)
                .ifNoItem().after(left.isZero() ? Duration.ofMillis(1) : left)
                .failWith(() -> new MetricaFailure.Unavailable(
                        "Metrica did not answer within this request's deadline; retry later"));
    }

    private Uni<String> send(MetricaRequest request, Deadline deadline) {
        Uni<String> call = request.kind().api == MetricaRequest.Api.CDP ? cdp.send(request, deadline)
                : management.send(request, deadline);
        // the circuit breaker fails outside the services' own classification: classify here too
        return call.onFailure().transform(f -> MetricaErrors.classify(f, deadline));
    }
}
