package ru.metricarelay.relay;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import ru.metricarelay.answer.Result;

/**
 * What the Dispatcher answers for a webhook: one result per event, in order, and (dry-run only) the Metrica requests
 * that carry several of its events, listed once for the results' {@code request_refs} (docs/architecture.md#answers).
 */
public record Delivered(List<Result> results, List<Map<String, Object>> requests) {

    public Delivered {
        results = List.copyOf(results);
        requests = List.copyOf(requests);
    }

    /** Results without shared requests: sent, queued, or dry-run of events that each travel alone. */
    static Delivered of(List<Result> results) {
        return new Delivered(results, List.of());
    }

    Delivered withResults(UnaryOperator<List<Result>> change) {
        return new Delivered(change.apply(results), requests);
    }
}
