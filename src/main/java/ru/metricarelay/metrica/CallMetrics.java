package ru.metricarelay.metrica;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import ru.metricarelay.metrica.MetricaRequest.Api;

/**
 * What the Metrica call policy counts, for dashboards (docs/architecture.md#metrics): every HTTP attempt by
 * API and status, every call's outcome, retries, deadline misses by where they happened, and each
 * breaker's state. The fixed series are registered at once, so a dashboard shows 0, not "no data".
 */
@Singleton
public class CallMetrics {

    static final List<String> OUTCOMES = List.of("ok", "rejected", "transient", "unavailable");
    static final List<String> MISSES = List.of("before_call", "in_queue", "during_call", "before_retry");

    private final MeterRegistry registry;

    public CallMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Api api : Api.values()) {
            OUTCOMES.forEach(o -> calls(api, o));
            MISSES.forEach(w -> misses(api, w));
            retryCounter(api);
            Gauge.builder("relay.metrica.breaker.state", () -> breakerState(api.breaker))
                    .description("circuit breaker state: 0 closed, 1 half-open, 2 open")
                    .tags("api", label(api), "breaker", api.breaker).register(registry);
        }
    }

    /** An HTTP attempt got an answer (2xx or an error status) or none (timeout, network). */
    void answered(Api api, Throwable failure) {
        Counter.builder("relay.metrica.requests").description("HTTP attempts to Metrica by API and answer status")
                .tags("api", label(api), "status", failure == null ? "2xx" : MetricaErrors.statusLabel(failure))
                .register(registry).increment();
    }

    /** Counts the call's outcome when it ends. */
    Uni<String> outcome(Api api, Uni<String> call) {
        return call.onItemOrFailure().invoke((body, failure) -> calls(api, outcomeOf(failure)).increment());
    }

    void retries(Api api, int retries) {
        if (retries > 0) {
            retryCounter(api).increment(retries);
        }
    }

    void deadlineMiss(Api api, String where) {
        misses(api, where).increment();
    }

    private static String outcomeOf(Throwable failure) {
        if (failure == null) {
            return "ok";
        }
        if (failure instanceof MetricaFailure.Rejected) {
            return "rejected";
        }
        return failure instanceof MetricaFailure.Transient ? "transient" : "unavailable";
    }

    private Counter calls(Api api, String outcome) {
        return Counter.builder("relay.metrica.calls").description("Metrica calls (after retries) by API and outcome")
                .tags("api", label(api), "outcome", outcome).register(registry);
    }

    private Counter misses(Api api, String where) {
        return Counter.builder("relay.metrica.deadline.misses")
                .description("Metrica calls not made or cut because the request's deadline came first")
                .tags("api", label(api), "where", where).register(registry);
    }

    private Counter retryCounter(Api api) {
        return Counter.builder("relay.metrica.retries").description("Metrica attempts beyond the first")
                .tags("api", label(api)).register(registry);
    }

    private static double breakerState(String name) {
        try {
            CircuitBreakerState state = CircuitBreakerMaintenance.get().currentState(name);
            return switch (state) {
                case CLOSED -> 0;
                case HALF_OPEN -> 1;
                case OPEN -> 2;
            };
        } catch (RuntimeException notYetBuilt) {
            return 0;
        }
    }

    static String label(Api api) {
        return api.name().toLowerCase(java.util.Locale.ROOT);
    }
}
