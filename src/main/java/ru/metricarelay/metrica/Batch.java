package ru.metricarelay.metrica;

import java.util.List;

import ru.metricarelay.event.Routed;

/**
 * Records of one output kind that travel together, and the Metrica requests that carry them, in the
 * order they must be sent (ORDER: contacts upsert, then orders).
 */
public record Batch(List<Routed> records, List<MetricaRequest> requests) {

    public Batch {
        records = List.copyOf(records);
        requests = List.copyOf(requests);
    }
}
