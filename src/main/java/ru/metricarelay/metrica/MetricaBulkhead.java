package ru.metricarelay.metrica;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import ru.metricarelay.config.RelayConfig;

/**
 * Metrica allows 3 parallel requests per user (metrica-api.md §1), across both APIs: every HTTP call
 * to Metrica passes through this one bulkhead. Behind it waits a short queue, sized to drain within
 * the deadline (15 calls ≈ 5 rounds of 3 ≈ 2.5 s at Metrica's usual ~0.5 s); beyond it the sender
 * gets 503 at once rather than piling up.
 *
 * <p>A call is started only if at least relay.min-call-time of its request's deadline is left when
 * it leaves the queue: a call that cannot finish in time would reach Metrica for a sender already
 * answered 503 — who sends it again, spending quota and, for conversions, counting twice
 * (found by bench/load).
 */
@ApplicationScoped
public class MetricaBulkhead {

    private final RelayConfig relay;

    public MetricaBulkhead(RelayConfig relay) {
        this.relay = relay;
    }

    /** The call, made once a slot is free and if the deadline still leaves time for it. */
    public <T> Uni<T> call(Deadline deadline, Supplier<Uni<T>> call) {
        if (tooLate(deadline)) {
            return Uni.createFrom().failure(new MetricaFailure.Unavailable("too little of the deadline left to call Metrica"));
        }
        return run(() -> Uni.createFrom().deferred(() -> tooLate(deadline)
                ? Uni.createFrom().<T>failure(new MetricaFailure.Unavailable("deadline reached while waiting for a free Metrica slot"))
                // cut at the deadline: the HTTP call is cancelled and its slot freed now, not at the read timeout
                : call.get().ifNoItem().after(deadline.remaining())
                        .failWith(() -> new MetricaFailure.Transient("Metrica did not answer within the deadline", null))));
    }

    private boolean tooLate(Deadline deadline) {
        return deadline.remaining().compareTo(relay.minCallTime()) < 0;
    }

    @Bulkhead(value = 3, waitingTaskQueue = 15)
    <T> Uni<T> run(Supplier<Uni<T>> call) {
        return call.get();
    }
}
