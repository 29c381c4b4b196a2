package ru.metricarelay.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A webhook as adapters see it: the body already parsed into one tree whatever the wire format
 * (JSON as is; form and query strings with bracket keys as nested objects, see {@link FormBody}),
 * plus the raw bytes for signature checks.
 *
 * @param headers   lower-case names
 * @param payload   the body tree; for GET or an empty body, the query tree
 * @param query     the query string tree (empty object when none)
 * @param subPath   the path after /hooks/{source}[/{secret}] for senders that append one (Mango:
 *                  "events/summary"); null when none, see {@code SourceAdapter.subPaths()}
 */
public record InboundRequest(String source, String method, Map<String, String> headers, BodyKind kind,
        JsonNode payload, JsonNode query, byte[] body, Instant receivedAt, String subPath) {

    public enum BodyKind { JSON, FORM, QUERY }

    /** A request without a sub-path (every sender but those that append one to the URL). */
    public InboundRequest(String source, String method, Map<String, String> headers, BodyKind kind,
            JsonNode payload, JsonNode query, byte[] body, Instant receivedAt) {
        this(source, method, headers, kind, payload, query, body, receivedAt, null);
    }

    public InboundRequest withSubPath(String path) {
        return new InboundRequest(source, method, headers, kind, payload, query, body, receivedAt, path);
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
