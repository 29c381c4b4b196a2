package ru.metricarelay.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The webhooks SnapStart priming rehearses, one per sender, from {@code priming/webhooks.json}: made-up deals with the
 * test ClientId and reserved phone numbers, shaped as each sender posts them (docs/sources.md). A JSON body is given
 * as JSON, a form or query body as text. Read as a tree: nothing here is bound to a class.
 */
final class PrimingWebhooks {

    static final String RESOURCE = "priming/webhooks.json";

    /** One webhook as the HTTP layer hands it to the relay: header names in lower case. */
    record Sample(String source, String subPath, Map<String, String> headers, String query, byte[] body) {
    }

    private PrimingWebhooks() {
    }

    static List<Sample> load() {
        try (InputStream in = PrimingWebhooks.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            List<Sample> samples = new ArrayList<>();
            for (JsonNode s : new ObjectMapper().readTree(in)) {
                Map<String, String> headers = new LinkedHashMap<>();
                s.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
                JsonNode body = s.path("body");
                String text = body.isMissingNode() ? "" : body.isTextual() ? body.asText() : body.toString();
                samples.add(new Sample(s.path("source").asText(), s.hasNonNull("sub_path") ? s.get("sub_path").asText() : null,
                        headers, s.hasNonNull("query") ? s.get("query").asText() : null, text.getBytes(StandardCharsets.UTF_8)));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE + " is not readable JSON", e);
        }
    }
}
