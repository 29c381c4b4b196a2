package ru.metricarelay.source.amocrm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.event.Digits;

/**
 * Walking amoCRM's bracket trees. Indexes arrive sparse ({@code [0]}, {@code [3]}) and in any key
 * order, so children are visited by numeric index, not by position in the body: the same webhook
 * with its pairs shuffled gives the same events in the same order.
 */
final class Tree {

    /** Numeric keys ascending, then other keys alphabetically. */
    static final Comparator<String> BY_INDEX = (a, b) -> {
        boolean indexA = isIndex(a);
        boolean indexB = isIndex(b);
        return indexA != indexB ? (indexA ? -1 : 1) : indexA ? compareIndexes(a, b) : a.compareTo(b);
    };

    private Tree() {
    }

    /** The children of an object (or array) by index; nothing for a scalar or a missing node. */
    static Map<String, JsonNode> items(JsonNode node) {
        Map<String, JsonNode> items = new LinkedHashMap<>();
        if (node == null) {
            return items;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.put(Integer.toString(i), node.get(i));
            }
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            keys.sort(BY_INDEX);
            keys.forEach(k -> items.put(k, node.get(k)));
        }
        return items;
    }

    /** The keys of an object: {@code first} ones (when present) in that order, then the rest alphabetically. */
    static List<String> keys(JsonNode node, List<String> first) {
        List<String> keys = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return keys;
        }
        first.stream().filter(node::has).forEach(keys::add);
        List<String> rest = new ArrayList<>();
        node.fieldNames().forEachRemaining(k -> {
            if (!first.contains(k)) {
                rest.add(k);
            }
        });
        rest.sort(Comparator.naturalOrder());
        keys.addAll(rest);
        return keys;
    }

    private static boolean isIndex(String key) {
        return Digits.only(key, 1, 30);
    }

    /** Two digit strings by value ("007" = "7" < "10"), without making numbers of them. */
    private static int compareIndexes(String a, String b) {
        String x = a.substring(leadingZeros(a));
        String y = b.substring(leadingZeros(b));
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static int leadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() && digits.charAt(i) == '0') {
            i++;
        }
        return i;
    }
}
