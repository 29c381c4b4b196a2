package ru.metricarelay.metrica;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.MetricaRequest.Api;

/**
 * The one place that decides how Metrica is called (docs/architecture.md#calling-metrica): per
 * API a named circuit breaker and retries with back-off that honours Retry-After; one bulkhead for
 * both APIs; every attempt cut at the read timeout or at the request's deadline, whichever is
 * sooner. Every failure is classified once, by {@link MetricaErrors#classify}. Numbers: {@link MetricaCallConfig};
 * what it counts: {@link CallMetrics}.
 * <p>Application-scoped, so injected as a proxy: the guards are built on the first Metrica call, not with the
 * first webhook (a dry run never builds them; docs/performance.md).
 */
@ApplicationScoped
public class CallPolicy {

    private static final TypeLiteral<Uni<String>> UNI = new TypeLiteral<>() {
    };

    private final MetricaCallConfig config;
    private final CallMetrics metrics;
    private final Map<Api, TypedGuard<Uni<String>>> retries = new EnumMap<>(Api.class);
    private final Map<Api, TypedGuard<Uni<String>>> breakers = new EnumMap<>(Api.class);
    private final TypedGuard<Uni<String>> slots;

    public CallPolicy(MetricaCallConfig config, CallMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
        for (Api api : Api.values()) {
            // retry outside the breaker, as one guard with both would order them: every attempt meets the breaker
            retries.put(api, TypedGuard.create(UNI).withDescription(api.breaker + "-retry")
                    .withRetry().maxRetries(config.retry().maxRetries())
                    .delay(config.retry().delay().toMillis(), ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                    .retryOn(MetricaFailure.Transient.class)
                    .withCustomBackoff().strategy(() -> new RetryAfterBackoff(config.retry().maxDelay())).done()
                    .done()
                    .build());
            breakers.put(api, TypedGuard.create(UNI).withDescription(api.breaker)
                    .withCircuitBreaker().name(api.breaker)
                    .requestVolumeThreshold(config.breaker().requestVolume())
                    .failureRatio(config.breaker().failureRatio())
                    .delay(config.breaker().delay().toMillis(), ChronoUnit.MILLIS)
                    .failOn(MetricaFailure.Transient.class)
                    .done()
                    .build());
        }
        this.slots = TypedGuard.create(UNI).withDescription("metrica-slots")
                .withBulkhead().limit(config.bulkhead().limit()).queueSize(config.bulkhead().queue()).done()
                .build();
    }

    /**
     * One Metrica call with the whole policy around it.
     *
     * @param attempt makes one HTTP call; invoked once per attempt
     * @return the answer body; fails only with a {@link MetricaFailure}
     */
    public Uni<String> call(Api api, Deadline deadline, Supplier<Uni<String>> attempt) {
        return guarded(api, deadline, attempt, true, false);
    }

    /**
     * A flush's upload (docs/architecture.md#queued-delivery): retried like any call, except that a quota answer
     * (420/429) ends it at once as a {@link MetricaFailure.Unavailable} with {@link MetricaFailure#quota()} (the flush
     * stops calling until the quota resets), and so does an attempt that got no answer, with
     * {@link MetricaFailure#unanswered()}: Metrica may have it, and its conversions would count twice.
     */
    public Uni<String> callFromFlush(Api api, Deadline deadline, Supplier<Uni<String>> attempt) {
        return guarded(api, deadline, attempt, true, true);
    }

    /**
     * A write that must not be sent twice (creating a goal): the same breaker, bulkhead and deadline, but no
     * retry, because a timed-out attempt may have been done. The caller reads back to learn what took effect.
     */
    public Uni<String> callOnce(Api api, Deadline deadline, Supplier<Uni<String>> attempt) {
        return guarded(api, deadline, attempt, false, false);
    }

    /**
     * Builds the guards now rather than with the first Metrica call: SnapStart priming calls it before the snapshot
     * (docs/performance.md#snapstart-priming). Any call on the proxy creates the bean; this one does nothing else.
     */
    public void prepare() {
        // the constructor did the work
    }

    /** The deadline of one operator action (doctor, provision, uploads): relay.metrica.admin-deadline. */
    public Deadline adminDeadline() {
        return Deadline.in(config.adminDeadline());
    }

    private Uni<String> guarded(Api api, Deadline deadline, Supplier<Uni<String>> attempt, boolean retry, boolean flush) {
        if (tooLate(deadline)) {
            metrics.deadlineMiss(api, "before_call");
            return metrics.outcome(api, Uni.createFrom().failure(
                    new MetricaFailure.Unavailable("too little of the deadline left to call Metrica")));
        }
        AtomicInteger attempts = new AtomicInteger();
        Supplier<Uni<String>> counted = () -> {
            attempts.incrementAndGet();
            return slots.get(() -> Uni.createFrom().deferred(() -> once(api, deadline, attempt, flush)));
        };
        Supplier<Uni<String>> broken = () -> breakers.get(api).get(counted);
        Uni<String> call = retry ? retries.get(api).get(broken) : broken.get();
        return metrics.outcome(api, call
                // what the guards themselves throw: an open breaker, a full bulkhead
                .onFailure(f -> !(f instanceof MetricaFailure)).transform(MetricaErrors::classify)
                .onTermination().invoke(() -> metrics.retries(api, attempts.get() - 1)));
    }

    private Uni<String> once(Api api, Deadline deadline, Supplier<Uni<String>> attempt, boolean flush) {
        if (tooLate(deadline)) {
            // it waited out its deadline in the bulkhead queue (or in a back-off): never sent late
            metrics.deadlineMiss(api, "in_queue");
            return Uni.createFrom().failure(new MetricaFailure.Unavailable("deadline reached while waiting for a free Metrica slot"));
        }
        Duration left = deadline.remaining();
        boolean deadlineFirst = left.compareTo(config.readTimeout()) < 0;
        return attempt.get()
                .ifNoItem().after(deadlineFirst ? left : config.readTimeout())
                .failWith(() -> {
                    if (deadlineFirst) {
                        metrics.deadlineMiss(api, "during_call");
                        return MetricaFailure.Unavailable.unanswered("Metrica did not answer within this request's deadline; retry later");
                    }
                    return MetricaFailure.Transient.unanswered("Metrica did not answer within " + config.readTimeout().toMillis() + " ms");
                })
                .onItemOrFailure().invoke((body, failure) -> metrics.answered(api, failure))
                .onFailure().transform(f -> {
                    MetricaFailure failure = MetricaErrors.classify(f);
                    if (flush && failure instanceof MetricaFailure.Transient t && t.quota()) {
                        return MetricaFailure.Unavailable.quotaNotRetried(t);
                    }
                    if (flush && failure instanceof MetricaFailure.Transient t && t.unanswered()) {
                        // Metrica may have taken it: sending it again could count its conversions twice
                        return MetricaFailure.Unavailable.unanswered(t.detail() + "; not sent again by this flush");
                    }
                    return withinDeadline(api, failure, deadline);
                });
    }

    /** A transient failure is worth a retry only if the retry can start (and wait its Retry-After) in time. */
    private MetricaFailure withinDeadline(Api api, MetricaFailure failure, Deadline deadline) {
        if (!(failure instanceof MetricaFailure.Transient t)) {
            return failure;
        }
        Duration budget = deadline.remaining().minus(config.minCallTime());
        if (budget.isNegative()) {
            metrics.deadlineMiss(api, "before_retry");
            return new MetricaFailure.Unavailable(t.detail() + " (no time left to retry before this request's deadline)");
        }
        if (t.retryAfter().filter(wait -> wait.compareTo(budget) > 0).isPresent()) {
            metrics.deadlineMiss(api, "before_retry");
            return new MetricaFailure.Unavailable(t.detail() + " (asked to retry after " + t.retryAfter().get().toSeconds()
                    + " s, beyond this request's deadline)");
        }
        return t.waitingAtMost(budget);
    }

    private boolean tooLate(Deadline deadline) {
        return deadline.remaining().compareTo(config.minCallTime()) < 0;
    }
}
