package ru.metricarelay.source;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.metricarelay.answer.RelayProblem;

/**
 * The form tree the obvious way, as a yardstick for {@link FormBody}'s fast one: split on '&', decode each key and
 * value as a whole, split the decoded key on brackets, walk the tree from the root for every key.
 */
final class PlainFormBody {

    private PlainFormBody() {
    }

    static ObjectNode parse(String text) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (text == null || text.isBlank()) {
            return root;
        }
        for (String field : text.strip().split("&", -1)) {
            int eq = field.indexOf('=');
            String key = decode(eq < 0 ? field : field.substring(0, eq));
            if (!key.isEmpty()) {
                put(root, path(key), eq < 0 ? "" : decode(field.substring(eq + 1)));
            }
        }
        return root;
    }

    /**
     * Percent-decoding spelled out: '+' a space, %XX one byte, a '%' not followed by two hex digits a literal '%', any
     * other character its own UTF-8; then the bytes are decoded by the JDK's decoder set to refuse what is not UTF-8.
     */
    private static String decode(String s) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i += Character.charCount(s.codePointAt(i))) {
            char c = s.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2))) {
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(new String(Character.toChars(s.codePointAt(i))).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            throw RelayProblem.badRequest("not UTF-8");
        }
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 0x80;
    }

    private static List<String> path(String key) {
        int open = key.indexOf('[');
        if (open <= 0 || !key.endsWith("]")) {
            return List.of(key);
        }
        List<String> segments = new ArrayList<>(List.of(key.substring(0, open)));
        for (int i = open; i < key.length();) {
            int close = key.indexOf(']', i);
            if (key.charAt(i) != '[' || close < 0) {
                return List.of(key);
            }
            segments.add(key.substring(i + 1, close));
            i = close + 1;
        }
        if (segments.size() > FormBody.MAX_DEPTH) {
            throw RelayProblem.badRequest("too deep");
        }
        return segments;
    }

    private static void put(ObjectNode root, List<String> path, String value) {
        ObjectNode node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i).isEmpty() ? Integer.toString(node.size()) : path.get(i);
            JsonNode child = node.get(segment);
            node = child instanceof ObjectNode object ? object : node.putObject(segment);
        }
        String last = path.get(path.size() - 1);
        node.put(last.isEmpty() ? Integer.toString(node.size()) : last, value);
    }
}
