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

    /** Every field with a well-known ClientId name, breadth first, paths as JSON Pointers. */
    static List<Found> scan(JsonNode payload) {
        List<Found> found = new ArrayList<>();
        Deque<Map.Entry<String, JsonNode>> queue = new ArrayDeque<>();
        queue.add(Map.entry("", payload));
        int visited = 0;
        while (!queue.isEmpty() && visited++ < MAX_NODES) {
            Map.Entry<String, JsonNode> entry = queue.poll();
            JsonNode node = entry.getValue();
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String path = entry.getKey() + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
                    if (NAMES.contains(normalized(field.getKey())) && field.getValue().isValueNode()) {
                        String value = Json.text(field.getValue());
                        if (value != null) {
                            found.add(new Found(path, value, ClientId.isValid(value)));
                        }
                    }
                    queue.add(Map.entry(path, field.getValue()));
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    queue.add(Map.entry(entry.getKey() + "/" + i, node.get(i)));
                }
            }
        }
        return found;
    }

    static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
