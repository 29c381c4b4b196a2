package ru.metricarelay.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import ru.metricarelay.answer.RelayProblem;

/**
 * Form bodies and query strings as a tree (docs/architecture.md#inbound-http): {@code leads[status][0][id]=1}
 * becomes {@code {"leads":{"status":{"0":{"id":"1"}}}}}; numeric segments stay object keys (sparse
 * indexes survive). Lenient the way amoCRM needs: raw brackets, ':', '#', ';' and Cyrillic pass; a
 * stray '%' is kept literally. Splitting and percent-decoding are Netty's QueryStringDecoder (already on the
 * class path); only the bracket tree is ours.
 */
public final class FormBody {

    /** A '%' not followed by two hex digits: URL decoders throw on it, senders still send it. */
    private static final Pattern STRAY_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    static final int MAX_DEPTH = 12;

    private FormBody() {
    }

    public static ObjectNode parse(String text, int maxFields) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (text == null || text.isBlank()) {
            return root;
        }
        int fields = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '&') {
                fields++;
            }
        }
        if (fields > maxFields) {
            throw RelayProblem.tooLarge("the form has " + fields + " fields; at most " + maxFields + " are accepted");
        }
        // a body has no fragment: a raw '#' is data (Netty's decoder would stop reading at it)
        String safe = STRAY_PERCENT.matcher(text.strip()).replaceAll("%25").replace("#", "%23");
        Map<String, List<String>> params = new QueryStringDecoder(safe, StandardCharsets.UTF_8, false, maxFields + 1, true)
                .parameters();
        params.forEach((key, values) -> values.forEach(value -> put(root, path(key), value)));
        return root;
    }

    /** {@code a[b][0]} → [a, b, 0]; {@code a[]} → [a, ""] (append); a key with unbalanced brackets is one segment. */
    static List<String> path(String key) {
        int open = key.indexOf('[');
        if (open <= 0 || !key.endsWith("]")) {
            return List.of(key);
        }
        List<String> segments = new ArrayList<>();
        segments.add(key.substring(0, open));
        int i = open;
        while (i < key.length()) {
            if (key.charAt(i) != '[') {
                return List.of(key);
            }
            int close = key.indexOf(']', i);
            if (close < 0) {
                return List.of(key);
            }
            segments.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (segments.size() > MAX_DEPTH) {
            throw RelayProblem.badRequest("a form key nests deeper than " + MAX_DEPTH + " levels");
        }
        return segments;
    }

    private static void put(ObjectNode root, List<String> path, String value) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = segment(node, path.get(i));
            JsonNode child = node.get(segment);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(segment); // a later a[b]=.. wins over an earlier a=..
            }
            node = (ObjectNode) child;
        }
        node.put(segment(node, path.get(path.size() - 1)), value);
    }

    private static String segment(ObjectNode node, String segment) {
        return segment.isEmpty() ? Integer.toString(node.size()) : segment;
    }
}
