package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.event.Output;
import ru.metricarelay.source.SourceRegistry;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.RawHttp;

/**
 * Every registered source gets every sample payload, truncated, bit-flipped, shuffled, under the
 * wrong content type, with huge numbers and with log injections (seeded, bounded: ~1,400 requests).
 * No input may produce a 5xx, a stack trace or an answer that is not JSON (VK's plain "ok" aside); errors are problem
 * documents; no log line shows a secret, personal data or a raw line break ({@link Leaks}).
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class InboundFuzzTest {

    static final long SEED = 20261123L;
    static final int MUTATIONS_PER_PAYLOAD = 9;
    /** Numbers that once stalled the event loop (a million-digit expansion) or overflow any parser. */
    static final List<String> HUGE_NUMBERS = List.of("1e999999", "-1e-999999999", "1E+2147483647", "9".repeat(5000));
    /** A line break and a terminal escape: forged log lines if anything printed them raw. */
    static final String LOG_INJECTION = "\r\nINFO [ru.metricarelay.access] POST /hooks/admin 200\u001b[31m";
    static final Set<Integer> ALLOWED = Set.of(200, 400, 401, 413, 415, 422);
    /** VK's "ok" and relay.sources.vk.confirmation of the test profile. */
    static final Set<String> PLAIN_ANSWERS = Set.of("ok", "3f9e2a1c");

    @Inject
    SourceRegistry sources;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @TestFactory
    Stream<DynamicNode> noInputBreaksAnySource() throws Exception {
        List<byte[]> payloads = payloads();
        List<DynamicNode> perSource = new ArrayList<>();
        for (String source : sources.names()) {
            Random random = new Random(SEED ^ source.hashCode());
            List<DynamicTest> tests = new ArrayList<>();
            for (int p = 0; p < payloads.size(); p++) {
                byte[] payload = payloads.get(p);
                for (int m = 0; m < MUTATIONS_PER_PAYLOAD; m++) {
                    byte[] body = mutate(payload, m, random);
                    String type = contentType(payload, m);
                    tests.add(DynamicTest.dynamicTest("payload " + p + " mutation " + m, () -> post(source, type, body)));
                }
            }
            perSource.add(DynamicContainer.dynamicContainer(source, tests));
        }
        return perSource.stream();
    }

    RawHttp.Answer post(String source, String contentType, byte[] body) {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("X-Relay-Secret", "relay-test-secret-A1");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        RawHttp.Answer response = RawHttp.send(root.toString(), "POST", "/hooks/" + source, headers, body);
        String text = response.body();
        assertTrue(ALLOWED.contains(response.status()), () -> source + " answered " + response.status() + ": " + text);
        assertFalse(text.contains("\tat ") || text.contains("Exception"), () -> source + " leaked internals: " + text);
        if (response.status() >= 400) {
            assertTrue(response.contentType().startsWith(Problem.MEDIA_TYPE), () -> source + " error is not a problem: " + text);
        } else if (response.contentType().startsWith("text/plain")) {
            // a sender that reads plain text (VK): its protocol's word, "ok" or the configured confirmation, never data
            assertTrue(PLAIN_ANSWERS.contains(text), () -> source + " answered plain text " + text);
        } else {
            assertWellFormed(source, text);
        }
        return response;
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> ACTIONS = Arrays.stream(Output.values()).map(Output::name).collect(Collectors.toSet());

    /** A 200 lists one result per event: its id is the source's, its action an output, IGNORED says why. */
    static void assertWellFormed(String source, String text) {
        JsonNode results;
        try {
            results = JSON.readTree(text).path("results");
        } catch (IOException e) {
            throw new AssertionError(source + " answered 200 with a body that is not JSON: " + text, e);
        }
        assertTrue(results.isArray() && !results.isEmpty(), () -> source + " 200 without results: " + text);
        for (JsonNode result : results) {
            assertTrue(result.path("event_id").asText().startsWith(source + ":"), () -> source + " result id: " + text);
            assertEquals(source, result.path("source").asText(), text);
            assertTrue(ACTIONS.contains(result.path("action").asText()), () -> source + " action: " + text);
            assertTrue(!result.path("action").asText().equals("IGNORED") || result.hasNonNull("reason"),
                    () -> source + " ignored an event without saying why: " + text);
        }
    }

    /**
     * 0 as is, 1 truncated, 2 bytes flipped, 3 chunks shuffled, 4 random bytes, 5 as is under another
     * type, 6 every number huge, 7 every number a long digit string, 8 a log injection in every value.
     */
    static byte[] mutate(byte[] payload, int mutation, Random random) {
        byte[] body = payload.clone();
        switch (mutation) {
            case 1 -> body = Arrays.copyOf(body, random.nextInt(Math.max(1, body.length)));
            case 2 -> {
                for (int i = 0; i < 1 + body.length / 50; i++) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                List<String> parts = new ArrayList<>(List.of(new String(body, java.nio.charset.StandardCharsets.UTF_8).split("[&,]")));
                java.util.Collections.shuffle(parts, random);
                body = String.join("&", parts).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            case 4 -> {
                body = new byte[random.nextInt(2048)];
                random.nextBytes(body);
            }
            case 6, 7 -> {
                String number = mutation == 6 ? HUGE_NUMBERS.get(random.nextInt(3)) : HUGE_NUMBERS.get(3);
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                body = text.replaceAll("(?<=[:=\\[,])\\s*-?\\d+(\\.\\d+)?(?=[,}\\]&\\s]|$)", number)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            case 8 -> {
                String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                String injected = text.startsWith("{") || text.startsWith("[")
                        ? text.replaceAll(":\\s*\"", java.util.regex.Matcher.quoteReplacement(":\"" + LOG_INJECTION))
                        : text.replace("=", "=" + java.net.URLEncoder.encode(
                                LOG_INJECTION.replace("\\r", "\r").replace("\\n", "\n").replace("\\u001b", "\u001b"),
                                java.nio.charset.StandardCharsets.UTF_8));
                body = injected.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            default -> {
            }
        }
        return body;
    }

    static String contentType(byte[] payload, int mutation) {
        boolean json = payload.length > 0 && (payload[0] == '{' || payload[0] == '[');
        if (mutation == 5) {
            return json ? "application/x-www-form-urlencoded" : "application/json";
        }
        return json ? "application/json" : "application/x-www-form-urlencoded";
    }

    static List<byte[]> payloads() throws IOException, URISyntaxException {
        Path root = Path.of(InboundFuzzTest.class.getResource("/payloads").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            List<byte[]> out = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.add(Files.readAllBytes(f));
            }
            return out;
        }
    }
}
