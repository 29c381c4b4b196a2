package ru.metricarelay.source.jivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.RawHttp;
import ru.metricarelay.support.Sources;

/** Jivo reads the answer: the 200 body must hold "result":"ok" next to the relay's own dry_run and results. */
@QuarkusTest
class JivoHttpTest {

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @Test
    void theAnswerCarriesResultOkBesideDryRunAndResults() throws Exception {
        RawHttp.Answer answer = RawHttp.send(root.toString(), "POST", "/hooks/jivo",
                Map.of("Content-Type", "application/json", "X-Relay-Secret", "relay-test-secret-A1"),
                Sources.resource(JivoAdapterTest.CHAT_ACCEPTED).getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
        assertTrue(answer.body().contains("\"result\":\"ok\""), answer.body());
        JsonNode body = new ObjectMapper().readTree(answer.body());
        List<String> fields = new java.util.ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("dry_run", "results", "result"), fields);
        assertEquals("jivo:3948:7636", body.at("/results/0/event_id").asText());
    }

    @Test
    void unknownEventsAreAnsweredOkToo() {
        RawHttp.Answer answer = RawHttp.send(root.toString(), "POST", "/hooks/jivo",
                Map.of("Content-Type", "application/json", "X-Relay-Secret", "relay-test-secret-A1"),
                "{\"event_name\":\"client_updated\",\"widget_id\":\"3948\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"result\":\"ok\""), answer.body());
    }
}
