package ru.metricarelay.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.metricarelay.answer.RelayProblem;

/**
 * Form bodies and query strings as a tree (docs/architecture.md#inbound-http): {@code leads[status][0][id]=1}
 * becomes {@code {"leads":{"status":{"0":{"id":"1"}}}}}; numeric segments stay object keys (sparse
 * indexes survive). Lenient the way amoCRM needs: raw brackets, ':', '#', ';' and Cyrillic pass; a
 * stray '%' is kept literally.
 *
 * <p>Why not a library: amoCRM sends ~40 bracket-encoded keys per webhook ({@code leads%5Bstatus%5D%5B0%5D%5Bid%5D}),
 * most sharing all but their last segment with the key before. The JDK's and Netty's decoders allocate per
 * escape and per key; here a key is decoded once into a reused byte buffer, split into segments there, and the
 * segments it shares with the previous key are not looked up again (bench/jmh, docs/performance.md).
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
        String body = text.strip();
        // fields, and the longest key and value: the buffers are sized by those, not by the body
        int fields = 0;
        int longestKey = 0;
        int longestValue = 0;
        for (Pairs field = new Pairs(body); field.next();) {
            fields++;
            longestKey = Math.max(longestKey, field.keyEnd() - field.start);
            longestValue = Math.max(longestValue, field.end - field.keyEnd());
        }
        if (fields > maxFields) {
            throw RelayProblem.tooLarge("the form has " + fields + " fields; at most " + maxFields + " are accepted");
        }
        new Tree(root, 3 * longestKey, 3 * longestValue).fill(body); // a char is at most 3 UTF-8 bytes
        return root;
    }

    /** Percent-decoding as form bodies use it: '+' is a space, %XX a UTF-8 byte, a stray '%' stays a literal '%'. */
    static String decode(String component) {
        byte[] out = new byte[3 * component.length()]; // a char is at most 3 UTF-8 bytes (a surrogate pair 4 for 2)
        return text(component, 0, component.length(), out);
    }

    /** {@code s[from, to)} decoded; the range itself when there is nothing to decode. Escapes must make UTF-8 (400). */
    private static String text(String s, int from, int to, byte[] scratch) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                return Utf8.text(scratch, 0, decode(s, from, to, scratch), "a percent-encoded form value");
            }
        }
        return s.substring(from, to);
    }

    /** Decodes {@code s[from, to)} into {@code out} as UTF-8 bytes (raw non-ASCII chars as their own UTF-8); returns the length. */
    private static int decode(String s, int from, int to, byte[] out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int high;
            int low;
            if (c == '+') {
                out[n++] = ' ';
            } else if (c == '%' && i + 2 < to && (high = hex(s.charAt(i + 1))) >= 0 && (low = hex(s.charAt(i + 2))) >= 0) {
                out[n++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | c >> 6);
                out[n++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                out[n++] = (byte) (0xF0 | cp >> 18);
                out[n++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[n++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                out[n++] = '?'; // a lone surrogate, as String.getBytes writes it
            } else {
                out[n++] = (byte) (0xE0 | c >> 12);
                out[n++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[n++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return n;
    }

    static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /**
     * The fields of a body, split on '&' only (';' and a raw '#' are data): {@code [start, end)}, with its first '='
     * at {@code eq} or none (-1). Each '=' is searched for once, so a body of thousands of fields without one stays
     * linear.
     */
    private static final class Pairs {
        private final String body;
        private int next;
        private int nextEq = -2; // -2: not searched yet; -1: no '=' after this point
        int start;
        int end;
        int eq;

        Pairs(String body) {
            this.body = body;
        }

        boolean next() {
            if (next > body.length()) {
                return false;
            }
            start = next;
            end = body.indexOf('&', start);
            end = end < 0 ? body.length() : end;
            if (nextEq == -2 || nextEq >= 0 && nextEq < start) {
                nextEq = body.indexOf('=', start);
            }
            eq = nextEq >= 0 && nextEq < end ? nextEq : -1;
            next = end + 1;
            return true;
        }

        int keyEnd() {
            return eq < 0 ? end : eq;
        }
    }

    /** One body's parse: the key being placed, the previous key, and the objects the previous key went through. */
    private static final class Tree {
        private final ObjectNode[] nodes = new ObjectNode[MAX_DEPTH + 1]; // nodes[i]: where segment i of the last key was put
        private final byte[] value;
        private byte[] key;
        private byte[] last;
        private int[] bounds = new int[2 * MAX_DEPTH]; // segment i of the key: bytes [bounds[2i], bounds[2i+1])
        private int[] lastBounds = new int[2 * MAX_DEPTH];
        private int lastDepth;

        Tree(ObjectNode root, int keyBytes, int valueBytes) {
            nodes[0] = root;
            key = new byte[keyBytes];
            last = new byte[keyBytes];
            value = new byte[valueBytes];
        }

        void fill(String body) {
            for (Pairs field = new Pairs(body); field.next();) {
                int keyEnd = field.keyEnd();
                if (keyEnd > field.start) { // a key that decodes to nothing is skipped
                    int length = decode(body, field.start, keyEnd, key);
                    if (!Utf8.wellFormed(key, 0, length)) { // its segments become Strings: no U+FFFD in a key
                        throw RelayProblem.badRequest("a percent-encoded form key is not valid UTF-8");
                    }
                    put(length, keyEnd == field.end ? "" : text(body, keyEnd + 1, field.end, value));
                }
            }
        }

        /** Places the value under the key of {@code length} bytes in {@link #key}; a later a[b]=.. wins over an earlier a=... */
        private void put(int length, String text) {
            int depth = split(length);
            int level = 0;
            while (level < depth - 1 && level < lastDepth - 1 && sameSegment(level)) {
                level++; // the same object as the previous key's: no lookup, no String
            }
            ObjectNode node = nodes[level];
            for (; level < depth - 1; level++) {
                String segment = segment(node, level);
                JsonNode child = node.get(segment);
                node = child instanceof ObjectNode object ? object : node.putObject(segment);
                nodes[level + 1] = node;
            }
            node.put(segment(node, depth - 1), text);
            byte[] bytes = last;
            last = key;
            key = bytes;
            int[] b = lastBounds;
            lastBounds = bounds;
            bounds = b;
            lastDepth = depth;
        }

        /**
         * {@code a[b][0]} → a, b, 0; {@code a[]} → a, "" (append); a key with unbalanced brackets is one segment. UTF-8
         * never puts '[' or ']' inside a multi-byte char, so the bytes can be split directly.
         */
        private int split(int length) {
            int open = indexOf(key, '[', 0, length);
            if (open <= 0 || key[length - 1] != ']') {
                return whole(length);
            }
            bounds[0] = 0;
            bounds[1] = open;
            int depth = 1;
            for (int i = open; i < length; depth++) {
                int close = key[i] == '[' ? indexOf(key, ']', i, length) : -1;
                if (close < 0) {
                    return whole(length);
                }
                if (depth < MAX_DEPTH) {
                    bounds[2 * depth] = i + 1;
                    bounds[2 * depth + 1] = close;
                }
                i = close + 1;
            }
            if (depth > MAX_DEPTH) {
                throw RelayProblem.badRequest("a form key nests deeper than " + MAX_DEPTH + " levels");
            }
            return depth;
        }

        private int whole(int length) {
            bounds[0] = 0;
            bounds[1] = length;
            return 1;
        }

        private boolean sameSegment(int level) {
            int from = bounds[2 * level];
            int to = bounds[2 * level + 1];
            return to > from && Arrays.equals(key, from, to, last, lastBounds[2 * level], lastBounds[2 * level + 1]);
        }

        private String segment(ObjectNode node, int level) {
            int from = bounds[2 * level];
            int to = bounds[2 * level + 1];
            return to == from ? Integer.toString(node.size()) : new String(key, from, to - from, StandardCharsets.UTF_8);
        }

        private static int indexOf(byte[] bytes, char c, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == c) {
                    return i;
                }
            }
            return -1;
        }
    }
}
