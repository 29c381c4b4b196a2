package bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One request of a source fixture (src/test/resources/fixtures/&lt;source&gt;/*.case.json, format in
 * fixtures/README.md), as the web layer hands it to the relay: method, lower-case headers, raw query,
 * body bytes, and the path Mango-like senders append. Read with plain Jackson, like SourceFixturesTest does.
 */
record Fixture(String source, String name, Instant receivedAt, String method, Map<String, String> headers,
        String query, String subPath, byte[] body, List<Stub> stubs, List<String> expectedActions) {

    /** One vendor API answer the fixture stubs: the method (the path's last segment, crm.deal.get.json), ?id=, status, body. */
    record Stub(String method, String id, int status, String body) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static Fixture load(String source, String name) {
        JsonNode fixture = tree(text("fixtures/" + source + "/" + name + ".case.json"));
        JsonNode req = fixture.path("request");
        Map<String, String> headers = new LinkedHashMap<>();
        req.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
        String path = req.path("path").asText("/hooks/" + source);
        String tail = path.substring(("/hooks/" + source).length()).replaceFirst("^/+", "");
        List<Stub> stubs = new ArrayList<>();
        for (JsonNode stub : fixture.path("stubs")) {
            String stubPath = stub.get("path").asText();
            stubs.add(new Stub(stubPath.substring(stubPath.lastIndexOf('/') + 1), stub.path("query").path("id").asText(null),
                    stub.path("status").asInt(200), new String(body(stub), StandardCharsets.UTF_8)));
        }
        List<String> actions = new ArrayList<>();
        for (JsonNode result : fixture.path("response").path("results")) {
            String action = result.path("action").asText();
            actions.add(result.has("reason") ? action + "/" + result.get("reason").asText() : action);
        }
        return new Fixture(source, name, Instant.parse(fixture.path("received_at").asText("2025-06-01T09:00:00Z")),
                req.path("method").asText("POST"), Collections.unmodifiableMap(headers),
                req.path("query").isTextual() ? req.get("query").asText() : null, tail.isEmpty() ? null : tail,
                body(req), List.copyOf(stubs), List.copyOf(actions));
    }

    /** The same request with another body (Mango's, signed again with the benchmark's key and salt). */
    Fixture withBody(byte[] newBody) {
        return new Fixture(source, name, receivedAt, method, headers, query, subPath, newBody, stubs, expectedActions);
    }

    private static byte[] body(JsonNode req) {
        if (req.has("body_file")) {
            return bytes(req.get("body_file").asText());
        }
        JsonNode body = req.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        try {
            return (body.isTextual() ? body.asText() : MAPPER.writeValueAsString(body)).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** A file of src/test/resources, packed into the benchmark jar (see bench/jmh/pom.xml). */
    private static byte[] bytes(String path) {
        try (InputStream in = Fixture.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + path + " in the benchmark jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
