package ru.metricarelay.source.generic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.InboundRequest;

/** Standard Webhooks HMAC for the generic source (SPEC §2), against the spec's published vector. */
class StandardWebhooksTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String NEXT_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-32-bytes-long!!!!".getBytes());
    static final String BODY = "{\"deal_id\":\"A-17\",\"client_id\":\"1674202831464027743\"}";

    static InboundRequest request(String body, String id, String timestamp, String signature) {
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        if (id != null) headers.put("webhook-id", id);
        if (timestamp != null) headers.put("webhook-timestamp", timestamp);
        if (signature != null) headers.put("webhook-signature", signature);
        return new InboundRequest("generic", "POST", headers, InboundRequest.BodyKind.JSON,
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    static String sign(String secret, String id, long ts, String body) throws Exception {
        return new Webhook(secret).sign(id, ts, body);
    }

    @Test
    void publishedTestVector() throws Exception {
        // standard-webhooks spec / Svix docs example
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
    }

    @Test
    void validSignatureWithAnyRotatedSecretPasses() throws Exception {
        long now = Instant.now().getEpochSecond();
        StandardWebhooks both = new StandardWebhooks(List.of(SECRET, NEXT_SECRET));
        assertDoesNotThrow(() -> both.verify(request(BODY, "msg_1", "" + now, sign(SECRET, "msg_1", now, BODY))));
        assertDoesNotThrow(() -> both.verify(request(BODY, "msg_2", "" + now, sign(NEXT_SECRET, "msg_2", now, BODY))));
        // a sender signing with old and new secret at once sends both signatures, space-separated
        String twoSignatures = "v1,bm90LXRoZS1zaWduYXR1cmU= " + sign(SECRET, "msg_3", now, BODY);
        assertDoesNotThrow(() -> new StandardWebhooks(List.of(SECRET)).verify(request(BODY, "msg_3", "" + now, twoSignatures)));
    }

    @Test
    void everythingElseIs401() throws Exception {
        long now = Instant.now().getEpochSecond();
        StandardWebhooks verifier = new StandardWebhooks(List.of(SECRET));
        String good = sign(SECRET, "msg_1", now, BODY);
        Map<String, InboundRequest> bad = Map.of(
                "tampered body", request(BODY.replace("A-17", "A-18"), "msg_1", "" + now, good),
                "other id", request(BODY, "msg_2", "" + now, good),
                "wrong secret", request(BODY, "msg_1", "" + now, sign(NEXT_SECRET, "msg_1", now, BODY)),
                "6 minutes old", request(BODY, "msg_1", "" + (now - 360), sign(SECRET, "msg_1", now - 360, BODY)),
                "6 minutes ahead", request(BODY, "msg_1", "" + (now + 360), sign(SECRET, "msg_1", now + 360, BODY)),
                "no headers", request(BODY, null, null, null),
                "garbage timestamp", request(BODY, "msg_1", "yesterday", good));
        bad.forEach((what, req) -> {
            RelayProblem problem = assertThrows(RelayProblem.class, () -> verifier.verify(req), what);
            assertEquals(401, problem.status(), what);
            assertTrue(problem.getMessage().startsWith("Standard Webhooks signature check failed"), what);
        });
    }

    @Test
    void offWhenNoSecretIsConfigured() {
        assertDoesNotThrow(() -> new StandardWebhooks(List.of()).verify(request(BODY, null, null, null)));
    }
}
