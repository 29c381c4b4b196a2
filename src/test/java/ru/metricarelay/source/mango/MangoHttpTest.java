package ru.metricarelay.source.mango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.RawHttp;

/**
 * Mango over HTTP with the test config's api-key/api-salt: the sign (computed here with
 * commons-codec) and the event path Mango appends to the URL, with and without the secret before it.
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class MangoHttpTest {

    static final String KEY = "mango-test-key";
    static final String SALT = "mango-test-salt";
    static final String SUMMARY = "{\"entry_id\":\"MTAxNjk3NjQ1Mjo1NTU=\",\"call_direction\":1,\"from\":{\"number\":\"79990001122\"},"
            + "\"create_time\":1748343791,\"talk_time\":1748343800,\"end_time\":1748343987,\"entry_result\":1}";

    @TestHTTPResource("/")
    java.net.URL root;

    static String form(String key, String sign, String json) {
        return "vpbx_api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&sign=" + sign
                + "&json=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    RawHttp.Answer post(String path, String body, boolean secretHeader) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        if (secretHeader) {
            headers.put("X-Relay-Secret", "relay-test-secret-B2");
        }
        return RawHttp.send(root.toString(), "POST", path, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSignedSummaryReachesTheAdapterThroughEitherPath() {
        String body = form(KEY, DigestUtils.sha256Hex(KEY + SUMMARY + SALT), SUMMARY);
        for (RawHttp.Answer answer : new RawHttp.Answer[] {
                post("/hooks/mango/events/summary", body, true),
                post("/hooks/mango/relay-test-secret-A1/events/summary", body, false)}) {
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("\"event_id\":\"mango:default:MTAxNjk3NjQ1Mjo1NTU=\""), answer.body());
            assertTrue(answer.body().contains("\"reason\":\"no_identity\""), answer.body());
        }
    }

    @Test
    void aWrongSignAKeyOfAnotherVpbxOrNoSignIs401() {
        String otherJson = SUMMARY.replace("79990001122", "79990001123");
        assertEquals(401, post("/hooks/mango/events/summary",
                form(KEY, DigestUtils.sha256Hex(KEY + SUMMARY + SALT), otherJson), true).status());
        assertEquals(401, post("/hooks/mango/events/summary",
                form("other-key", DigestUtils.sha256Hex("other-key" + SUMMARY + SALT), SUMMARY), true).status());
        assertEquals(401, post("/hooks/mango/events/summary",
                "vpbx_api_key=" + KEY + "&json=" + URLEncoder.encode(SUMMARY, StandardCharsets.UTF_8), true).status());
    }

    @Test
    void theRelaySecretIsStillRequired() {
        String body = form(KEY, DigestUtils.sha256Hex(KEY + SUMMARY + SALT), SUMMARY);
        assertEquals(401, post("/hooks/mango/events/summary", body, false).status());
        assertEquals(401, post("/hooks/mango/wrong-secret/events/summary", body, false).status());
    }

    @Test
    void extraPathsAre404WhereNoSenderAppendsThem() {
        String body = form(KEY, DigestUtils.sha256Hex(KEY + SUMMARY + SALT), SUMMARY);
        assertEquals(404, post("/hooks/generic/relay-test-secret-A1/events/summary", "{}", false).status());
        assertEquals(404, post("/hooks/generic/a/b", "{}", true).status());
        assertEquals(404, post("/hooks/mango/relay-test-secret-A1/unknown/path", body, false).status());
        assertEquals(404, post("/hooks/nosuchsource/a/b", body, true).status());
    }
}
