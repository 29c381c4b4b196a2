package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.RawHttp;

/**
 * GET /admin/deliveries: connecting a sender is "send one event, read why". Operator-only, masked
 * (no secret, no full phone or e-mail), and bounded in memory whatever arrives.
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class DeliveriesTest {

    static final String SECRET = "relay-test-secret-A1";
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL root;

    RawHttp.Answer deliveries(String query, Map<String, String> headers) {
        return RawHttp.send(root.toString(), "GET", "/admin/deliveries" + query, headers, null);
    }

    JsonNode list(String query) throws Exception {
        RawHttp.Answer answer = deliveries(query, Map.of("X-Relay-Secret", SECRET));
        assertEquals(200, answer.status(), answer.body());
        return JSON.readTree(answer.body()).path("deliveries");
    }

    void post(String path, String contentType, String body) {
        RawHttp.send(root.toString(), "POST", path, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void onlyAnOperatorMayRead() {
        assertEquals(401, deliveries("", Map.of()).status());
        assertEquals(401, deliveries("", Map.of("X-Relay-Secret", "wrong")).status());
        assertEquals(422, deliveries("?limit=0", Map.of("X-Relay-Secret", SECRET)).status());
    }

    @Test
    void aDeliveryShowsWhatArrivedMaskedAndWhatTheRelayMadeOfIt() throws Exception {
        post("/hooks/tilda/" + SECRET, "application/x-www-form-urlencoded",
                "Name=Ирина&Phone=%2B7+999+000-11-22&Email=client%40example.com&tranid=3391112:7001"
                        + "&COOKIES=_ym_uid%3D87856%3B+_ym_d%3D1674202831");
        JsonNode last = list("?source=tilda&limit=1").get(0);
        assertEquals("/hooks/tilda/***", last.path("path").asText());
        assertEquals("***", last.path("headers").path("x-relay-secret").asText("***")); // never the value
        String body = last.path("body").asText();
        assertTrue(body.contains("Phone=7999***1122") && body.contains("Email=c***@example.com"), body);
        assertTrue(body.contains("_ym_uid=87856"), "non-personal values stay readable: " + body);
        JsonNode result = last.path("results").get(0);
        assertEquals("IGNORED", result.path("action").asText());
        assertEquals("no_identity", result.path("reason").asText());
        assertTrue(result.path("looked_at").toString().contains("COOKIES: _ym_uid"), result.toString());
        // Leaks fails the class if any answer shows the secret, the phone or the e-mail in full
    }

    /** Finding 7 of the edge review: what the parsers read as a phone, an e-mail or a credential was shown in full. */
    @Test
    void whatTheParsersAcceptIsMaskedInADelivery() throws Exception {
        post("/hooks/generic/" + SECRET, "application/json", "{\"deal_id\":\"M-1\",\"phone\":\"8.999.123.45.67\","
                + "\"phone2\":\"＋７９９９１２３４５６８\",\"email\":\"ivan\\u0040example.com\",\"email2\":\"иван@пример.рф\","
                + "\"token\":\"abc def&ghi\",\"client_id\":\"1674202831464027743\",\"updated_at\":1748500000}");
        String json = list("?source=generic&limit=1").get(0).path("body").asText();
        for (String shown : List.of("\"phone\":\"8999***4567\"", "\"phone2\":\"7999***4568\"", "\"email\":\"i***@example.com\"",
                "\"email2\":\"и***@пример.рф\"", "\"token\":\"***\"", "1674202831464027743", "1748500000")) {
            assertTrue(json.contains(shown), shown + " not in " + json);
        }
        post("/hooks/tilda/" + SECRET, "application/x-www-form-urlencoded",
                "Email=user%40%D0%BF%D0%BE%D1%87%D1%82%D0%B0.%D1%80%D1%83%D1%81&secret=abc%20def%26ghi&tranid=1:2");
        String form = list("?source=tilda&limit=1").get(0).path("body").asText();
        assertEquals("Email=u***@почта.рус&secret=***&tranid=1:2", form);
    }

    @Test
    void aBatchDeliveryKeepsTheRequestsItsResultsPointAt() throws Exception {
        post("/hooks/generic/" + SECRET, "application/json", """
                [{"deal_id":"B-1","client_id":"1674202831464027743"},{"deal_id":"B-2","client_id":"1674202831464027744"}]""");
        JsonNode last = list("?source=generic&limit=1").get(0);
        assertEquals(2, last.path("requests").size(), last.toString());
        assertEquals("[0,1]", last.path("results").get(1).path("request_refs").toString(), last.toString());
    }

    @Test
    void aRefusedDeliveryShowsTheProblemAndAFoundIdentityItsField() throws Exception {
        post("/hooks/generic/" + SECRET, "application/json", "{\"deal_id\":\"D-1\",\"revenue\":\"lots\",\"client_id\":\"1674202831464027743\"}");
        JsonNode refused = list("?source=generic&limit=1").get(0);
        assertEquals(422, refused.path("status").asInt());
        assertEquals("/revenue", refused.path("problem").path("field").asText(), refused.toString());

        post("/hooks/generic/" + SECRET, "application/json", "{\"deal_id\":\"D-2\",\"output\":\"CONVERSION\",\"lead\":{\"yaClientId\":\"1674202831464027743\"}}");
        JsonNode found = list("?source=generic&limit=1").get(0);
        assertEquals(200, found.path("status").asInt());
        assertEquals("/lead/yaClientId", found.path("results").get(0).path("identity_from").asText(), found.toString());
    }

    @Test
    void memoryStaysBoundedWhateverArrives() throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                sent.add(senders.submit(() -> {
                    for (int i = 0; i < 2_500; i++) {
                        String source = (i % 2 == 0) ? "jivo" : "wazzup";
                        post("/hooks/" + source + "/" + SECRET, "application/json", "{\"n\":" + (thread * 10_000 + i) + "}");
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(20, list("?source=jivo&limit=1000").size(), "relay.deliveries.keep per source");
        assertEquals(20, list("?source=wazzup&limit=1000").size());
        assertFalse(list("?limit=1000").size() > 20 * 11, "more kept than keep × sources");
    }
}
