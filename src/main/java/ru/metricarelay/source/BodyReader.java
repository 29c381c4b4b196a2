package ru.metricarelay.source;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.InboundRequest;

/**
 * Size, content type and parsing of a webhook body (docs/architecture.md#inbound-http): JSON, form-urlencoded, or a GET query
 * string. Money in JSON stays exact (BigDecimal); nesting and string sizes are bounded. Strict: text is well-formed
 * UTF-8 (or the form's declared charset, {@link Charsets}) and a JSON object names each key once, else 400.
 */
@Singleton
public class BodyReader {

    private static final String FORM = "application/x-www-form-urlencoded";

    private final RelayConfig relay;
    private final ReceiptClock clock;

    public BodyReader(RelayConfig relay, ReceiptClock clock) {
        this.relay = relay;
        this.clock = clock;
    }

    public InboundRequest read(String source, String method, Map<String, String> headers, String rawQuery, byte[] body) {
        return read(source, method, headers, rawQuery, body, text -> null);
    }

    /**
     * @param repairJson for a JSON body that does not parse: a repaired text to try once, or null
     *                   (the sender gets 400); it may itself refuse with a 422 that says how to fix
     *                   the sender's side ({@link SourceAdapter#repairJson})
     */
    public InboundRequest read(String source, String method, Map<String, String> headers, String rawQuery, byte[] body,
            UnaryOperator<String> repairJson) {
        long max = relay.maxBodySize().asLongValue();
        if (body.length > max) { // the web layer stops reading sooner (http/WebhookBody); this guards any other caller
            throw RelayProblem.tooLarge("the body has " + body.length + " bytes; at most " + max + " are accepted");
        }
        JsonNode query = FormBody.parse(rawQuery, relay.maxFormFields());
        Instant now = clock.now();
        String type = mediaType(headers.get("content-type"));
        boolean readable = type == null || isJson(type) || type.equals(FORM);
        // another type is refused below for what it is (415), whatever charset it names; blank, it is a GET's query
        Charset charset = readable ? Charsets.declared(headers.get("content-type")) : StandardCharsets.UTF_8;
        if (isJson(type)) {
            Charsets.checkJson(charset);
            if (!Utf8.wellFormed(body, 0, body.length)) {
                throw RelayProblem.badRequest("the JSON body is not valid UTF-8");
            }
            JsonNode json = parseJsonBytes(body);
            if (json != null) { // the common case, parsed from the bytes: no String of the body (Cyrillic made it costly)
                return new InboundRequest(source, method, headers, InboundRequest.BodyKind.JSON, json, query, body, now);
            }
        }
        String text = readable ? Charsets.text(body, charset) : new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new InboundRequest(source, method, headers, InboundRequest.BodyKind.QUERY, query, query, body, now);
        }
        InboundRequest.BodyKind kind = kind(type, text);
        JsonNode payload = kind == InboundRequest.BodyKind.JSON ? parseJson(text, repairJson)
                : FormBody.parse(Charsets.formInUtf8(text, charset), relay.maxFormFields());
        return new InboundRequest(source, method, headers, kind, payload, query, body, now);
    }

    /** The Content-Type without its parameters, lower case; null when the sender sent none. */
    static String mediaType(String contentType) {
        return contentType == null || contentType.isBlank() ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String type) {
        return type != null && (type.equals("application/json") || type.endsWith("+json") || type.equals("text/json"));
    }

    /** A JSON object or array straight from the bytes; null for anything else, which the text path then reads or refuses. */
    private static JsonNode parseJsonBytes(byte[] body) {
        try {
            JsonNode node = Json.READER.readTree(body);
            return node != null && (node.isObject() || node.isArray()) ? node : null;
        } catch (java.io.IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** By media type ({@link #mediaType}); senders that send none get their body sniffed (a JSON object or array, else a form). */
    static InboundRequest.BodyKind kind(String type, String text) {
        if (type == null) {
            char first = text.stripLeading().charAt(0);
            return first == '{' || first == '[' ? InboundRequest.BodyKind.JSON : InboundRequest.BodyKind.FORM;
        }
        if (isJson(type)) {
            return InboundRequest.BodyKind.JSON;
        }
        if (type.equals(FORM)) {
            return InboundRequest.BodyKind.FORM;
        }
        throw RelayProblem.unsupportedMediaType("content type " + clip(type)
                + " is not accepted; send application/json or application/x-www-form-urlencoded");
    }

    private static JsonNode parseJson(String text, UnaryOperator<String> repairJson) {
        try {
            return parseJson(text);
        } catch (RelayProblem unreadable) {
            String repaired = unreadable.status() == 400 ? repairJson.apply(text) : null;
            return repaired == null ? rethrow(unreadable) : parseJson(repaired);
        }
    }

    private static JsonNode rethrow(RelayProblem problem) {
        throw problem;
    }

    private static JsonNode parseJson(String text) {
        try {
            JsonNode node = Json.READER.readTree(text);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw RelayProblem.badRequest("the body must be a JSON object or array");
            }
            return node;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw RelayProblem.badRequest("the JSON body nests deeper than " + Json.MAX_DEPTH
                    + " levels or holds an oversized value");
        } catch (NumberFormatException e) {
            // 17e8600000123: an exponent beyond any number Jackson can hold (found by the MAX parser's properties)
            throw RelayProblem.badRequest("the JSON body holds a number out of any range");
        } catch (JacksonException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // {"deal_id":"1","deal_id":"2"}: which one the sender meant is a guess, and a guess can merge two deals
                throw RelayProblem.badRequest("the JSON body names a key twice in one object" + where);
            }
            throw RelayProblem.badRequest("the body is not valid JSON" + where);
        }
    }

    private static String clip(String s) {
        String safe = s.replaceAll("[^\\w.+/*-]", "?");
        return safe.length() > 60 ? safe.substring(0, 60) + "…" : safe;
    }
}
