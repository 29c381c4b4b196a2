package ru.metricarelay.metrica.setup;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.CallPolicy;
import ru.metricarelay.metrica.MetricaClients;
import ru.metricarelay.metrica.MetricaRequest.Api;

/**
 * Every Metrica call doctor, provision and uploads make, through the typed clients and {@link CallPolicy}
 * (the webhooks' breakers and bulkhead, the operator deadline). Reads are retried like uploads; writes are
 * sent once and read back, since a timed-out write may have been done.
 */
@Singleton
class CounterApi {

    private final CallPolicy policy;
    private final MetricaClients clients;
    private final MetricaConfig metrica;

    CounterApi(CallPolicy policy, MetricaClients clients, MetricaConfig metrica) {
        this.policy = policy;
        this.clients = clients;
        this.metrica = metrica;
    }

    long counterId() {
        return metrica.counterId().orElse(0L);
    }

    Uni<Facts.Counter> counter(Deadline d) {
        return policy.call(Api.MANAGEMENT, d, () -> clients.counter().counter(counterId(), "offline_options")).map(Facts::counter);
    }

    Uni<List<Facts.Goal>> goals(Deadline d) {
        return policy.call(Api.MANAGEMENT, d, () -> clients.counter().goals(counterId())).map(Facts::goals);
    }

    Uni<List<Facts.OrderStatus>> orderStatuses(Deadline d) {
        return policy.call(Api.CDP, d, () -> clients.cdp().orderStatuses(counterId())).map(Facts::orderStatuses);
    }

    Uni<String> threshold(Wanted.Upload kind, Deadline d) {
        String threshold = offline(kind, "visit_join_threshold");
        return policy.call(Api.MANAGEMENT, d, () -> clients.management().joinThreshold(counterId(), threshold));
    }

    /** The CDP API answers (one recent upload asked for). */
    Uni<String> cdpAnswers(Deadline d) {
        return lastUploadings(1, d);
    }

    Uni<String> lastUploadings(int limit, Deadline d) {
        return policy.call(Api.CDP, d, () -> clients.cdp().lastUploadings(counterId(), limit));
    }

    Uni<String> uploadings(Wanted.Upload kind, int limit, Deadline d) {
        String list = offline(kind, "uploadings");
        return policy.call(Api.MANAGEMENT, d, () -> clients.management().uploadings(counterId(), list, limit));
    }

    /** A JavaScript-event goal whose exact condition is the identifier, as offline uploads need. */
    Uni<String> createGoal(String identifier, Deadline d) {
        Map<String, Object> goal = Map.of("goal", Map.of("name", "Metrica Relay: " + identifier, "type", "action",
                "conditions", List.of(Map.of("type", "exact", "url", identifier))));
        return policy.callOnce(Api.MANAGEMENT, d, () -> clients.counter().createGoal(counterId(), goal));
    }

    /** The whole map (what was there plus what is added): whether Metrica merges or replaces, nothing is lost. */
    Uni<String> mapOrderStatuses(List<Facts.OrderStatus> all, Deadline d) {
        List<Map<String, Object>> statuses = all.stream().map(s -> Map.<String, Object>of("id", s.id(),
                "humanized", s.humanized() == null ? s.id() : s.humanized(), "type", s.type())).toList();
        return policy.callOnce(Api.CDP, d, () -> clients.cdp().mapOrderStatuses(counterId(), Map.of("order_statuses", statuses)));
    }

    Uni<String> enableTracking(Wanted.Upload kind, Deadline d) {
        String threshold = offline(kind, "extended_threshold");
        return policy.callOnce(Api.MANAGEMENT, d, () -> clients.management().enableExtended(counterId(), threshold));
    }

    /** The offline_conversions path of a conversions resource, or of its calls twin ({@code calls_} + the same name). */
    private static String offline(Wanted.Upload kind, String conversions) {
        return kind == Wanted.Upload.CALLS ? "calls_" + conversions : conversions;
    }
}
