package ru.metricarelay.metrica.setup;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the relay's configuration needs from the counter (docs/architecture.md#operator-tools): the
 * JavaScript-event goals its records name, its own order statuses, and which kinds of upload it makes.
 * Built by the orchestration layer from the enabled sources; each need says which settings ask for it.
 *
 * @param goals         goal identifier → the settings that name it (relay.sources.tilda.target, ...)
 * @param orderStatuses an order status that is not one of Metrica's own → the settings that send it
 * @param uploads       the kinds of upload the enabled sources make
 */
public record Wanted(SortedMap<String, Set<String>> goals, SortedMap<String, Set<String>> orderStatuses, Set<Upload> uploads) {

    /** Upload kinds a check depends on: offline conversions, calls, CDP orders/contacts. */
    public enum Upload { CONVERSIONS, CALLS, CDP }

    public Wanted {
        goals = new TreeMap<>(goals);
        orderStatuses = new TreeMap<>(orderStatuses);
        uploads = Set.copyOf(uploads);
    }

    public static Wanted of(Map<String, Set<String>> goals, Map<String, Set<String>> orderStatuses, Set<Upload> uploads) {
        return new Wanted(new TreeMap<>(goals), new TreeMap<>(orderStatuses), uploads);
    }
}
