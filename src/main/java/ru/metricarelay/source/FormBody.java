package ru.metricarelay.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.metricarelay.answer.RelayProblem;

/**
 * Form bodies and query strings as a tree (docs/architecture.md#inbound-http): {@code leads[status][0][id]=1}
 * becomes {@code {"leads":{"status":{"0":{"id":"1"}}}}}; numeric segments stay object keys (sparse
 * indexes survive). Lenient the way amoCRM needs: raw brackets, ':', '#', ';' and Cyrillic pass; a
 * stray '%' is kept literally. Splitting on '&', percent-decoding ({@link #decode}) and the bracket
 * tree are ours: the library decoders cost amoCRM's bracket-encoded forms ~26 KB per webhook (bench/jmh).
 */
public final class FormBody {

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
        // one pass: split on '&' (';' and a raw '#' are data), percent-decode only what holds '%' or '+'
        String body = text.strip();
        for (int start = 0; start <= body.length();) {
            int end = body.indexOf('&', start);
            end = end < 0 ? body.length() : end;
            int eq = body.indexOf('=', start);
            String key = decode(body.substring(start, eq < 0 || eq > end ? end : eq));
            if (!key.isEmpty()) {
                put(root, path(key), eq < 0 || eq > end ? "" : decode(body.substring(eq + 1, end)));
            }
            start = end + 1;
        }
        return root;
    }

    /**
     * Percent-decoding as form bodies use it ('+' is a space, %XX a UTF-8 byte; a stray '%' stays a
     * literal '%', as amoCRM sends it), in one pass into one byte array. The JDK's and Netty's decoders
     * allocate per escape: ~550 bytes per key of amoCRM's bracket-encoded forms, a third of a webhook's
     * allocation (bench/jmh). A component with nothing to decode is returned as is.
     */
    static String decode(String component) {
        int wide = 0; // raw non-ASCII chars: up to 3 UTF-8 bytes each; escapes and '+' only shrink
        boolean plain = true;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
            } else if (c >= 0x80) {
                wide++;
            }
        }
        if (plain) {
            return component;
        }
        byte[] out = new byte[component.length() + 2 * wide];
        int n = 0;
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            int high;
            int low;
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%' && i + 2 < component.length() && (high = hex(component.charAt(i + 1))) >= 0
                    && (low = hex(component.charAt(i + 2))) >= 0) {
                out[n++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else { // raw non-ASCII (amoCRM's unencoded Cyrillic): its own UTF-8 bytes
                byte[] raw = String.valueOf(Character.isHighSurrogate(c) && i + 1 < component.length()
                        ? new char[] {c, component.charAt(++i)} : new char[] {c}).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(raw, 0, out, n, raw.length);
                n += raw.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
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
