package ru.metricarelay.source.generic;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.InboundRequest;

/**
 * Standard Webhooks HMAC for the generic source, against the spec's published vector, under both header brands:
 * the spec's webhook-* and Svix's svix-* (docs/security.md).
 */
class StandardWebhooksTest {

    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String NEXT_SECRET = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-secret-32-bytes-long!!!!".getBytes());
    static final String BODY = "{\"deal_id\":\"A-17\",\"client_id\":\"1674202831464027743\"}";

    /** A request with {@code <brand>-id}, {@code -timestamp} and {@code -signature} (null values left out), and more headers. */
    static InboundRequest request(String brand, String body, String id, String timestamp, String signature, String... more) {
        Map<String, String> headers = new HashMap<>();
        if (id != null) headers.put(brand + "-id", id);
        if (timestamp != null) headers.put(brand + "-timestamp", timestamp);
        if (signature != null) headers.put(brand + "-signature", signature);
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return new InboundRequest("generic", "POST", headers, InboundRequest.BodyKind.JSON,
                JsonNodeFactory.instance.objectNode(), JsonNodeFactory.instance.objectNode(),
                body.getBytes(StandardCharsets.UTF_8), Instant.now());
    }

    static String sign(String secret, String id, long ts, String body) throws Exception {
        return new Webhook(secret).sign(id, ts, body);
    }

    static void assert401(StandardWebhooks verifier, InboundRequest request, String what) {
        RelayProblem problem = assertThrows(RelayProblem.class, () -> verifier.verify(request), what);
        assertEquals(401, problem.status(), what);
        assertTrue(problem.getMessage().startsWith("Standard Webhooks signature check failed"), what);
    }

    @Test
    void publishedTestVector() throws Exception {
        // standard-webhooks spec / Svix docs example
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                sign(SECRET, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook", "svix"})
    void validSignatureWithAnyRotatedSecretPasses(String brand) throws Exception {
        long now = Instant.now().getEpochSecond();
        StandardWebhooks both = new StandardWebhooks(List.of(SECRET, NEXT_SECRET));
        assertDoesNotThrow(() -> both.verify(request(brand, BODY, "msg_1", "" + now, sign(SECRET, "msg_1", now, BODY))));
        assertDoesNotThrow(() -> both.verify(request(brand, BODY, "msg_2", "" + now, sign(NEXT_SECRET, "msg_2", now, BODY))));
        // a sender signing with old and new secret at once sends both signatures, space-separated
        String twoSignatures = "v1,bm90LXRoZS1zaWduYXR1cmU= " + sign(SECRET, "msg_3", now, BODY);
        assertDoesNotThrow(() -> new StandardWebhooks(List.of(SECRET)).verify(request(brand, BODY, "msg_3", "" + now, twoSignatures)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook", "svix"})
    void everythingElseIs401(String brand) throws Exception {
        long now = Instant.now().getEpochSecond();
        StandardWebhooks verifier = new StandardWebhooks(List.of(SECRET));
        String good = sign(SECRET, "msg_1", now, BODY);
        Map<String, InboundRequest> bad = Map.of(
                "tampered body", request(brand, BODY.replace("A-17", "A-18"), "msg_1", "" + now, good),
                "other id", request(brand, BODY, "msg_2", "" + now, good),
                "wrong secret", request(brand, BODY, "msg_1", "" + now, sign(NEXT_SECRET, "msg_1", now, BODY)),
                "6 minutes old", request(brand, BODY, "msg_1", "" + (now - 360), sign(SECRET, "msg_1", now - 360, BODY)),
                "6 minutes ahead", request(brand, BODY, "msg_1", "" + (now + 360), sign(SECRET, "msg_1", now + 360, BODY)),
                "no headers", request(brand, BODY, null, null, null),
                "no signature", request(brand, BODY, "msg_1", "" + now, null),
                "garbage timestamp", request(brand, BODY, "msg_1", "yesterday", good));
        bad.forEach((what, req) -> assert401(verifier, req, brand + ": " + what));
    }

    /** A sender that sends both brands: the spec's set is the one checked; halves of two sets do not make one. */
    @Test
    void webhookHeadersWinAndBrandsAreNotMixed() throws Exception {
        long now = Instant.now().getEpochSecond();
        StandardWebhooks verifier = new StandardWebhooks(List.of(SECRET));
        String good = sign(SECRET, "msg_1", now, BODY);
        String forged = "v1,bm90LXRoZS1zaWduYXR1cmU=";
        assertDoesNotThrow(() -> verifier.verify(request("webhook", BODY, "msg_1", "" + now, good,
                "svix-id", "msg_1", "svix-timestamp", "" + now, "svix-signature", forged)));
        assert401(verifier, request("webhook", BODY, "msg_1", "" + now, forged,
                "svix-id", "msg_1", "svix-timestamp", "" + now, "svix-signature", good), "a forged webhook-* set, a good svix-* set");
        // incomplete webhook-* set: the complete svix-* set is the one checked
        assertDoesNotThrow(() -> verifier.verify(request("webhook", BODY, "msg_1", null, null,
                "svix-id", "msg_1", "svix-timestamp", "" + now, "svix-signature", good)));
        assert401(verifier, request("webhook", BODY, "msg_1", null, null, "svix-timestamp", "" + now, "svix-signature", good),
                "webhook-id with svix-timestamp and svix-signature");
    }

    @Test
    void offWhenNoSecretIsConfigured() {
        assertDoesNotThrow(() -> new StandardWebhooks(List.of()).verify(request("webhook", BODY, null, null, null)));
    }
}
