package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.MetricaStandIn;
import ru.metricarelay.support.RawHttp;

/**
 * The findings of the second adversarial review of the web edge (docs/security.md), each over real
 * HTTP against the relay with a token and the strict Metrica stand-in: bounded metrics, Metrica's
 * error text masked. Strict bodies: {@link StrictBodiesTest}; masks: MaskTextTest, MaskPropertiesTest, DeliveriesTest.
 */
@QuarkusTest
@TestProfile(HardeningTest.Profile.class)
@ExtendWith(Leaks.class)
class EdgeReviewTest {

    static final String SECRET = HardeningTest.SECRET;
    static final Pattern SERIES = Pattern.compile("(?m)^http_server_requests_seconds_count\\{(.*)} \\S+$");
    static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    @MetricaStandIn.Server
    WireMockServer metrica;

    @TestHTTPResource("/")
    URL root;

    /** Sends one request byte for byte (any method name, any header) and returns the whole answer. */
    String raw(String requestHead, String body) throws IOException {
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write((requestHead + "Host: 127.0.0.1\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** /q/metrics as it is, secrets included if any (RawHttp would fail on one before the test can say where). */
    String metrics() throws IOException {
        return raw("GET /q/metrics HTTP/1.1\r\n", "");
    }

    /** The label sets of every http_server_requests series. */
    static Set<String> series(String metrics) {
        Set<String> out = new TreeSet<>();
        Matcher m = SERIES.matcher(metrics);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    // ---- finding 3: every made-up method was a new Prometheus series, and a 406 put the path's secret on /q/metrics

    @Test
    void metricsCardinalityIsBoundedForAnyInput() throws IOException {
        Set<String> before = series(metrics());
        for (int i = 0; i < 200; i++) {
            raw(String.format("Q%06d /hooks/generic HTTP/1.1\r\nX-Relay-Secret: %s\r\n", i, SECRET), "{}");
        }
        for (String path : List.of("/hooks/tilda/" + SECRET, "/hooks/" + SECRET, "/hooks/tilda/" + SECRET + "/x/y",
                "/queue/flush/" + SECRET, "/admin/deliveries/" + SECRET, "/nothing/" + SECRET)) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "GET", "X" + SECRET.replace("-", ""))) {
                for (String accept : List.of("text/html", "application/xml", "*/*", "application/json")) {
                    raw(method + " " + path + " HTTP/1.1\r\nAccept: " + accept + "\r\nContent-Type: text/plain\r\n", "{}");
                }
            }
        }
        // more distinct raw paths than Quarkus' max-uri-tags (100): a template first used after them is still measured
        for (int i = 0; i < 120; i++) {
            raw("PUT /hooks/tilda/" + SECRET + i + " HTTP/1.1\r\n", "");
        }
        raw("GET /admin/uploads HTTP/1.1\r\n", ""); // 401: no secret

        String metrics = metrics();
        assertFalse(metrics.contains(SECRET) || metrics.contains(SECRET.replace("-", "")), "a secret on /q/metrics");
        Set<String> after = series(metrics);
        for (String labels : after) {
            Map<String, String> label = labels(labels);
            assertTrue(HttpMetricLabels.METHODS.contains(label.get("method")) || "OTHER".equals(label.get("method")), labels);
            assertTrue(HttpMetricLabels.ROUTES.contains(label.get("uri")) || HttpMetricLabels.PLACEHOLDERS.contains(label.get("uri")),
                    "a raw path as a label: " + labels);
        }
        assertTrue(after.stream().anyMatch(l -> l.contains("uri=\"/admin/uploads\"")), after.toString());
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        // the same requests with one made-up method and one secret would make as many; before, they made ~300
        assertTrue(added.size() <= 60, added.size() + " new series: " + added);
    }

    static Map<String, String> labels(String series) {
        Map<String, String> out = new java.util.HashMap<>();
        Matcher l = LABEL.matcher(series);
        while (l.find()) {
            out.put(l.group(1), l.group(2));
        }
        return out;
    }

    // ---- finding 6: Metrica's error text, which quotes the rejected value, reached the answer and the log unmasked

    @Test
    void metricasErrorTextIsMaskedBeforeItIsLoggedOrAnswered() {
        MetricaStandIn.acceptCdpUploads(metrica, "u1");
        metrica.stubFor(WireMock.post(urlPathMatching("/cdp/.*/orders/json")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"errors\":[{\"error_type\":\"invalid_parameter\","
                        + "\"message\":\"bad contact +7 999 123-45-67, ivan.petrov@example.com\"}],\"code\":400,"
                        + "\"message\":\"phone +7 999 123-45-67\"}")));
        try (LogRecords log = LogRecords.start()) {
            RawHttp.Answer answer = null;
            // the first Metrica call of a cold JVM on a busy 2-core machine can take the whole deadline (503): resend
            for (int attempt = 0; attempt < 3 && (answer == null || answer.status() == 503); attempt++) {
                answer = RawHttp.send(root.toString(), "POST", "/hooks/generic", Map.of("Content-Type", "application/json",
                        "X-Relay-Secret", SECRET), ("{\"deal_id\":\"E6\",\"client_id\":\"" + HardeningTest.CLIENT_ID + "\",\"status\":\"PAID\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(502, answer.status(), answer.body());
            assertTrue(answer.body().contains("7999***4567") && answer.body().contains("i***@example.com"), answer.body());
            List<String> lines = log.lines().stream().map(LogRecords.Line::message).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("metrica_failed") && l.contains("7999***4567")), lines.toString());
            for (String text : concat(answer.body(), lines)) {
                for (String pii : List.of("999 123-45-67", "79991234567", "ivan.petrov")) {
                    assertFalse(text.contains(pii), pii + " in " + text);
                }
            }
        }
    }

    static List<String> concat(String first, List<String> rest) {
        List<String> all = new java.util.ArrayList<>(rest);
        all.add(first);
        return all;
    }
}
