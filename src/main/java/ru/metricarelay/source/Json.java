package ru.metricarelay.source;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Reading values out of payload trees the way senders fill them: numbers as strings, "null", blanks. */
public final class Json {

    static final int MAX_DEPTH = 64;

    /** Compiled once: pointers come from configuration (a few dozen), and generic reads ~27 per event (bench/jmh). */
    private static final java.util.Map<String, JsonPointer> POINTERS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How every sender JSON is parsed (bodies, Mango's json field, Roistat's data, Bitrix24's REST
     * answers): decimals exact, nothing after the value, nesting and string sizes bounded, and a key named
     * twice in one object refused (which of two deal ids a sender meant is a guess; docs/security.md).
     */
    public static final ObjectReader READER = reader();

    private Json() {
    }

    private static ObjectReader reader() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxStringLength(1_000_000).build());
        return mapper.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .with(JsonNodeFactory.withExactBigDecimals(true));
    }

    /** The scalar at a JSON Pointer as text; null when missing, null, blank, an object or an array. */
    public static String text(JsonNode root, String pointer) {
        if (pointer == null || pointer.isBlank()) {
            return null;
        }
        return text(root.at(POINTERS.computeIfAbsent(pointer, p -> JsonPointer.compile(p.trim()))));
    }

    /**
     * A scalar as text: "12.50" and 12.50 alike; "null", "undefined" and blanks are nothing. A decimal
     * is written out in full only when that is short: 1e999999 stays "1E+999999" (a million digits
     * otherwise, built on the event loop), and whoever reads it as a number refuses it at once.
     */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String value = node.isBigDecimal() ? plain(node.decimalValue()) : node.asText();
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("null") || trimmed.equalsIgnoreCase("undefined")) {
            return null;
        }
        return trimmed;
    }

    /** Plain digits for any decimal a sender can mean (at most 40 of them), scientific notation beyond. */
    static String plain(BigDecimal d) {
        return Math.abs((long) d.precision() - d.scale()) <= 40 && Math.abs(d.scale()) <= 40 ? d.toPlainString() : d.toString();
    }

    /** A scalar, or every scalar of an array (and of objects inside it), as texts. */
    public static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isContainerNode()) {
            node.forEach(child -> out.addAll(texts(child)));
        } else if (text(node) != null) {
            out.add(text(node));
        }
        return out;
    }

    /** A valid JSON Pointer, or a config error naming the key. */
    public static String pointer(String key, String value) {
        try {
            JsonPointer.compile(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + "=" + value + " is not a JSON Pointer (it must start with /)");
        }
    }

    /** true/false, 1/0, yes/no as senders write flags; anything else is unknown (null). */
    public static Boolean flag(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "y" -> Boolean.TRUE;
            case "false", "0", "no", "n" -> Boolean.FALSE;
            default -> null;
        };
    }

}
