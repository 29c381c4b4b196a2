package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.RawHttp;

/**
 * Strict bodies (docs/security.md): text is well-formed UTF-8 or the form's declared charset, a JSON object
 * names each key once, ids have a length — else a 4xx, never a silent guess that could merge two deals.
 * Bodies go byte for byte ({@link RawHttp}).
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class StrictBodiesTest {

    static final String SECRET = "relay-test-secret-A1";
    static final String CLIENT_ID = "1674202831464027743";
    static final String FORM = "application/x-www-form-urlencoded";

    @TestHTTPResource("/")
    URL root;

    RawHttp.Answer post(String contentType, byte[] body) {
        return RawHttp.send(root.toString(), "POST", "/hooks/generic", Map.of("Content-Type", contentType, "X-Relay-Secret", SECRET), body);
    }

    static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            byte[] b = part instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) part;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    static byte[] raw(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    static void assertProblem(RawHttp.Answer answer, int status, String detail) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.body().contains(detail), answer.body());
    }

    // ---- finding 8: bytes that are not UTF-8 became U+FFFD, so "A\xFF" and "A\xFE" were one deal

    @Test
    void invalidUtf8IsRefusedNeverReadAsAReplacementCharacter() {
        for (byte[] bad : List.of(raw(0xFF), raw(0xFE), raw(0xC0, 0xAF), raw(0xE0, 0x80, 0xAF), raw(0xED, 0xA0, 0x80), raw(0xD0))) {
            assertProblem(post("application/json", bytes("{\"deal_id\":\"A", bad, "\",\"client_id\":\"" + CLIENT_ID + "\"}")),
                    400, "not valid UTF-8");
            assertProblem(post(FORM, bytes("deal_id=A", bad, "&client_id=" + CLIENT_ID)), 400, "not valid UTF-8");
        }
        // percent-decoded bytes are bytes too: %C0%AF is an overlong '/', %FF no character at all
        for (String escaped : List.of("%C0%AF", "%FF", "%D0", "%ED%A0%80")) {
            assertProblem(post(FORM, bytes("deal_id=A" + escaped + "&client_id=" + CLIENT_ID)), 400, "not valid UTF-8");
            assertProblem(post(FORM, bytes("deal" + escaped + "=A&client_id=" + CLIENT_ID)), 400, "not valid UTF-8");
        }
        RawHttp.Answer cyrillic = post(FORM, bytes("deal_id=%D0%97%D0%B0%D0%BA%D0%B0%D0%B7-1&client_id=" + CLIENT_ID));
        assertEquals(200, cyrillic.status(), cyrillic.body());
        assertTrue(cyrillic.body().contains("generic:default:Заказ-1"), cyrillic.body());
    }

    @Test
    void aDeclaredCharsetIsHonouredOrRefused() {
        Charset cp1251 = Charset.forName("windows-1251");
        // what a Russian sender's older system posts: raw windows-1251 bytes and %XX escapes of them
        for (byte[] body : List.of(bytes("deal_id=", "Заказ-2".getBytes(cp1251), "&client_id=" + CLIENT_ID),
                bytes("deal_id=%C7%E0%EA%E0%E7-2&client_id=" + CLIENT_ID))) {
            RawHttp.Answer answer = post(FORM + "; charset=windows-1251", body);
            assertEquals(200, answer.status(), answer.body());
            assertTrue(answer.body().contains("generic:default:Заказ-2"), answer.body());
        }
        assertEquals(200, post(FORM + "; charset=\"KOI8-R\"", bytes("deal_id=", "Заказ-3".getBytes(Charset.forName("KOI8-R")),
                "&client_id=" + CLIENT_ID)).status());
        assertEquals(200, post("application/json; charset=UTF-8", bytes("{\"deal_id\":\"4\",\"client_id\":\"" + CLIENT_ID + "\"}")).status());
        assertProblem(post(FORM + "; charset=x-made-up", bytes("deal_id=5")), 415, "charset x-made-up is not accepted");
        assertProblem(post(FORM + "; charset=ISO-8859-1", bytes("deal_id=5")), 415, "not accepted");
        assertProblem(post("application/json; charset=windows-1251", bytes("{\"deal_id\":\"5\"}")), 415, "UTF-8");
        assertProblem(post(FORM + "; charset=windows-1251", bytes("deal_id=%98")), 400, "not valid windows-1251");
    }

    @Test
    void aJsonKeyNamedTwiceIsRefused() {
        assertProblem(post("application/json", bytes("{\"deal_id\":\"6\",\"client_id\":\"" + CLIENT_ID + "\",\"deal_id\":\"7\"}")),
                400, "names a key twice");
        assertProblem(post("application/json", bytes("[{\"deal_id\":\"6\",\"x\":{\"a\":1,\"a\":2}}]")), 400, "names a key twice");
    }

    @Test
    void anIdLongerThanMetricaTakesIs422NamingTheFieldAndMakesNoLongLogLine() {
        try (LogRecords log = LogRecords.start()) {
            // no ClientId: the event would be IGNORED (no_identity), and its id was in the answer and the log in full
            RawHttp.Answer answer = post("application/json", bytes("{\"deal_id\":\"" + "9".repeat(20_000) + "\"}"));
            assertProblem(answer, 422, "\"field\":\"id\"");
            assertTrue(answer.body().length() < 1_000, answer.body().length() + " characters answered");
            for (LogRecords.Line line : log.lines()) {
                assertTrue(line.message() == null || line.message().length() < 1_000,
                        "a log line of " + line.message().length() + " characters from " + line.logger());
            }
        }
        assertEquals(200, post("application/json", bytes("{\"deal_id\":\"" + "9".repeat(200) + "\"}")).status());
    }
}
