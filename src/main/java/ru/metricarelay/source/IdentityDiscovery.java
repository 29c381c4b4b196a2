package ru.metricarelay.source;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.event.ClientId;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.IdentityNote;
import ru.metricarelay.event.SourceItem;

/**
 * Finds a ClientId where a sender's format drifted (docs/architecture.md#identity): when an event
 * has none from the adapter's configured field, a field anywhere in the webhook whose name is a
 * well-known ClientId name (ignoring case, '_' and '-') and whose value is a valid ClientId is used,
 * and the event says where it came from. Only for a webhook that carries one event (in a batch a
 * field could belong to another deal), and only when every such field agrees.
 */
public final class IdentityDiscovery {

    /** metrika_client_id, metrica_client_id, ym_client_id, yaClientId, _ym_uid, ym_uid, ClientID, client_id. */
    static final Set<String> NAMES = Set.of("metrikaclientid", "metricaclientid", "ymclientid", "yaclientid", "ymuid", "clientid");
    /** A webhook is small, but its tree is walked once per request: bounded. */
    static final int MAX_NODES = 20_000;

    private IdentityDiscovery() {
    }

    /** The events, some with a ClientId found, and per event id how it was looked for. */
    public record Discovery(List<SourceItem> items, Map<String, IdentityNote> notes) {
    }

    /** A field named like a ClientId: its JSON Pointer path and whether its value is one. */
    record Found(String path, String value, boolean valid) {
    }

    /**
     * @param configured the fields the adapter reads the ClientId from, as shown to a user
     *                   ({@link SourceAdapter#clientIdFields()})
     */
    public static Discovery apply(List<SourceItem> items, JsonNode payload, List<String> configured) {
        if (items.stream().noneMatch(i -> i instanceof DealEvent e && e.identity().clientId() == null)) {
            return new Discovery(items, Map.of()); // every event has its ClientId: nothing to find, no walk
        }
        List<Found> found = scan(payload);
        List<String> lookedAt = new ArrayList<>(configured);
        found.stream().map(Found::path).filter(p -> !lookedAt.contains(p)).forEach(lookedAt::add);
        List<String> invalid = found.stream().filter(f -> !f.valid()).map(Found::path).toList();
        List<String> values = found.stream().filter(Found::valid).map(Found::value).distinct().toList();
        boolean oneEvent = items.stream().filter(DealEvent.class::isInstance).count() == 1;
        List<SourceItem> out = new ArrayList<>(items.size());
        Map<String, IdentityNote> notes = new HashMap<>();
        for (SourceItem item : items) {
            if (item instanceof DealEvent e && e.identity().clientId() == null && oneEvent && values.size() == 1) {
                Found from = found.stream().filter(Found::valid).findFirst().orElseThrow();
                out.add(e.withIdentity(e.identity().withClientId(from.value())));
                notes.put(e.eventId(), new IdentityNote(from.path(), lookedAt, invalid));
            } else {
                out.add(item);
                notes.put(item.eventId(), new IdentityNote(null, lookedAt, invalid));
            }
        }
        return new Discovery(out, notes);
    }

    /**
     * Every field with a well-known ClientId name, depth first, paths as JSON Pointers. A path string is
     * made only for a field that matches: the walk itself allocates next to nothing (bench/jmh).
     */
    static List<Found> scan(JsonNode payload) {
        List<Found> found = new ArrayList<>();
        walk(payload, new ArrayDeque<>(), found, new int[] {MAX_NODES});
        return found;
    }

    private static void walk(JsonNode node, Deque<String> path, List<Found> found, int[] budget) {
        if (--budget[0] < 0 || !node.isContainerNode()) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.addLast(Integer.toString(i));
                walk(node.get(i), path, found, budget);
                path.removeLast();
            }
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isValueNode() && isClientIdName(field.getKey())) {
                String text = Json.text(value);
                if (text != null) {
                    found.add(new Found(pointer(path, field.getKey()), text, ClientId.isValid(text)));
                }
            } else if (value.isContainerNode()) {
                path.addLast(field.getKey());
                walk(value, path, found, budget);
                path.removeLast();
            }
        }
    }

    private static String pointer(Deque<String> path, String last) {
        StringBuilder out = new StringBuilder();
        path.forEach(segment -> out.append('/').append(escape(segment)));
        return out.append('/').append(escape(last)).toString();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /**
     * One of {@link #NAMES} once lower-cased without '_' and '-' (a long name cannot be one: not even lower-cased).
     * Public for adapters that look for a ClientId by these names in a sender's own lists (YCLIENTS custom fields).
     */
    public static boolean isClientIdName(String name) {
        return name.length() <= 24 && NAMES.contains(name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", ""));
    }
}
