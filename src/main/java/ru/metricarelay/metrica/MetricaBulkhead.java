package ru.metricarelay.metrica;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;

/**
 * Metrica allows 3 parallel requests per user (metrica-api.md §1), across both APIs: every HTTP call
 * to Metrica passes through this one bulkhead. A bounded queue waits behind it; beyond that the
 * sender gets 503 at once rather than piling up.
 */
@ApplicationScoped
public class MetricaBulkhead {

    @Bulkhead(value = 3, waitingTaskQueue = 50)
    public <T> Uni<T> run(Supplier<Uni<T>> call) {
        return call.get();
    }
}
