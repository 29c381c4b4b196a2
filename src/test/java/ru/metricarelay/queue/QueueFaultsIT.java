package ru.metricarelay.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ru.metricarelay.support.MetricaCounter;
import ru.metricarelay.support.MetricaStandIn;

/**
 * Faults of queued delivery on the packaged relay as a real child JVM on 127.0.0.1 (docs/reliability.md#queued-delivery):
 * a second relay on the same queue file, a queue that cannot write (the child's file-size limit lowered with prlimit,
 * so its writes fail with EFBIG as on a full disk), and kill -9 while a flush meets 401/403. Bounded in count and time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QueueFaultsIT {

    static final String C = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/data";
    static final String M = QueueCrashIT.M;
    static final Path DIR = QueueCrashIT.DIR;
    static final Duration LIMIT = QueueCrashIT.LIMIT;
    static final ObjectMapper JSON = new ObjectMapper();
    static WireMockServer metrica;

    @BeforeAll
    static void standIn() throws Exception {
        Files.createDirectories(DIR);
        metrica = MetricaStandIn.serve(new MetricaCounter()); // with the counter: a flush reads it to check a refused token
    }

    @AfterAll
    static void stop() {
        metrica.stop();
    }

    static Map<String, String> env(Path db) {
        Map<String, String> env = new HashMap<>(Map.of("METRICA_TOKEN", MetricaStandIn.TOKEN,
                "METRICA_COUNTER_ID", Long.toString(MetricaStandIn.COUNTER), "METRICA_API_URL", "http://127.0.0.1:" + metrica.port(),
                "RELAY_SECRET", Webhooks.SECRET, "RELAY_FLUSH_INTERVAL", "0", "RELAY_QUEUE_PATH", db.toString(),
                "RELAY_DELIVERY", "queued"));
        return env;
    }

    /** Every upload answers {@code status} (200: accepted) after {@code delayMs}. */
    static void uploadsAnswer(int status, int delayMs) {
        MetricaStandIn.reset(metrica);
        String error = "{\"errors\":[{\"error_type\":\"access_denied\",\"message\":\"Access denied\"}],\"code\":" + status + "}";
        for (String path : List.of(M + "/upload", M + "/upload_calls", C + "/contacts/json", C + "/orders/json")) {
            String ok = path.startsWith(C) ? MetricaStandIn.uploaded("cdp-1") : MetricaStandIn.uploaded(1L);
            metrica.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withFixedDelay(delayMs)
                    .withHeader("Content-Type", "application/json").withBody(status == 200 ? ok : error)));
        }
    }

    @Test
    void aSecondRelayOnTheSameQueueFileRefusesToStart() throws Exception {
        Path db = DIR.resolve("lock-" + System.nanoTime() + ".db");
        uploadsAnswer(200, 0);
        try (RelayProcess first = RelayProcess.start(env(db), DIR.resolve("lock-first.log"))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> RelayProcess.start(env(db), DIR.resolve("lock-second.log")).close());
            assertTrue(refused.getMessage().contains("is in use by another relay process"), refused.getMessage());
            Webhooks.Hook hook = Webhooks.tilda(1);
            HttpResponse<String> stored = first.post("/hooks/tilda", hook.contentType(), hook.body(), Duration.ofSeconds(10));
            assertEquals(200, stored.statusCode(), "the first relay still serves: " + stored.body());
        }
        // the lock goes with its process: a relay started after it works
        try (RelayProcess again = RelayProcess.start(env(db), DIR.resolve("lock-again.log"))) {
            assertEquals(1, QueueCrashIT.queued(again));
        }
    }

    @Test
    void whenTheQueueCannotWriteDeliveredRowsAreNotUploadedAgainAndTheRelayIsNotReady() throws Exception {
        Path db = DIR.resolve("full-" + System.nanoTime() + ".db");
        uploadsAnswer(200, 0);
        List<String> answered = new ArrayList<>();
        try (RelayProcess relay = RelayProcess.start(env(db), DIR.resolve("full.log"))) {
            for (int lead = 0; lead < 40; lead++) {
                Webhooks.Hook hook = Webhooks.amocrm(52_000_000 + lead, 142, 1748600000L + lead);
                assertEquals(200, relay.post("/hooks/amocrm", hook.contentType(), hook.body(), Duration.ofSeconds(10)).statusCode());
                answered.add("amocrm:exampleshop:" + (52_000_000 + lead));
            }
            fileSizeLimit(relay, "1"); // every write past the first byte of a file now fails, as on a full disk

            JsonNode first = flush(relay);
            assertEquals("store", first.path("stopped").path("reason").asText(), first.toString());
            assertEquals(1, orderUploads(), "orders were uploaded, then could not be removed: " + first);
            assertEquals(503, relay.get("/q/health/ready").statusCode(), "ready while the queue cannot write");
            JsonNode second = flush(relay);
            assertEquals(0, second.path("requests").asInt(), "a flush uploaded again while delivered rows were not removed: " + second);
            assertEquals(1, orderUploads());
            Webhooks.Hook refused = Webhooks.amocrm(52_999_999, 142, 1748600000L);
            assertEquals(503, relay.post("/hooks/amocrm", refused.contentType(), refused.body(), Duration.ofSeconds(10)).statusCode(),
                    "a webhook the queue cannot store must not be answered 200");

            fileSizeLimit(relay, "unlimited"); // space again
            QueuedDeliveryScenarios.waitUntil(() -> status(relay, "/q/health/ready") == 200, LIMIT, "readiness after the disk has space");
            JsonNode after = flush(relay);
            assertEquals(0, after.path("requests").asInt(), after.toString());
            assertEquals(0, after.path("remaining").asInt(), "the delivered rows were not removed once the queue could write: " + after);
        }
        assertEquals(1, orderUploads(), "an order upload was repeated");
        List<String> sent = new ArrayList<>();
        metrica.findAll(postRequestedFor(urlPathEqualTo(C + "/orders/json"))).forEach(r -> {
            try {
                JSON.readTree(r.getBodyAsString()).get("orders").forEach(o -> sent.add(o.get("id").asText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(answered.stream().sorted().toList(), sent.stream().sorted().toList(), "every order answered 200 exactly once");
        QueueCrashIT.assertIntact(db);
    }

    @Test
    void killedWhileAFlushMeetsATokenErrorThenAFixedTokenDeliversEveryRowAnswered200ExactlyOnce() throws Exception {
        Path db = DIR.resolve("token-" + System.nanoTime() + ".db");
        Set<String> answered = ConcurrentHashMap.newKeySet();

        // 1. 401 answered slowly: kill -9 while the flush waits for it
        uploadsAnswer(401, 3_000);
        try (RelayProcess relay = RelayProcess.start(env(db), DIR.resolve("token-1.log"))) {
            QueueCrashIT.burst(relay, answered, 0, 300, 300);
            ExecutorService flush = Executors.newSingleThreadExecutor();
            flush.submit(() -> relay.post("/queue/flush", "application/json", "", Duration.ofSeconds(60)));
            QueuedDeliveryScenarios.waitUntil(() -> !metrica.getAllServeEvents().isEmpty(), LIMIT, "the flush to send an upload");
            relay.kill9();
            flush.shutdownNow();
        }
        QueueCrashIT.assertIntact(db);

        // 2. 403 on every upload: two flushes stop at once, and kill -9 right after the second answered
        uploadsAnswer(403, 0);
        try (RelayProcess relay = RelayProcess.start(env(db), DIR.resolve("token-2.log"))) {
            QueueCrashIT.burst(relay, answered, 300, 100, 100);
            for (int i = 0; i < 2; i++) {
                JsonNode refused = flush(relay);
                assertEquals("token", refused.path("stopped").path("reason").asText(), refused.toString());
                assertEquals(0, refused.path("failed_rows").asInt(), "a token error moved rows to the dead letter");
                assertEquals(400, refused.path("remaining").asInt(), refused.toString());
            }
            JsonNode queue = JSON.readTree(relay.get("/queue").body());
            assertTrue(queue.has("token_refused"), queue.toString());
            relay.kill9();
        }
        assertEquals(List.of(), accepted(), "nothing was accepted yet");

        // 3. the token works again: one flush delivers every row answered 200, each exactly once
        uploadsAnswer(200, 0);
        try (RelayProcess relay = RelayProcess.start(env(db), DIR.resolve("token-3.log"))) {
            JsonNode delivered = flush(relay);
            assertEquals(400, delivered.path("flushed_rows").asInt(), delivered.toString());
            assertEquals(0, delivered.path("remaining").asInt());
            assertEquals(0L, JSON.readTree(relay.get("/queue").body()).path("dead").asLong());
        }
        List<String> once = accepted();
        assertEquals(answered.size(), once.size(), "a row was delivered twice or not at all");
        assertEquals(answered.stream().sorted().toList(), once.stream().sorted().toList());
    }

    /** ClientIds of every accepted conversion and call row. */
    static List<String> accepted() {
        List<String> ids = new ArrayList<>();
        metrica.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200)
                .forEach(e -> QueuedDeliveryScenarios.csv(e.getRequest()).forEach(row -> ids.add(row.get("ClientId"))));
        return ids;
    }

    static int orderUploads() {
        return metrica.findAll(postRequestedFor(urlPathEqualTo(C + "/orders/json"))).size();
    }

    static JsonNode flush(RelayProcess relay) throws Exception {
        HttpResponse<String> answer = relay.post("/queue/flush", "application/json", "", Duration.ofSeconds(60));
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    static int status(RelayProcess relay, String path) {
        try {
            return relay.get(path).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    /** The child's soft RLIMIT_FSIZE, in bytes or "unlimited" (util-linux prlimit, by pid). */
    static void fileSizeLimit(RelayProcess relay, String soft) throws Exception {
        Process p = new ProcessBuilder("prlimit", "--pid", Long.toString(relay.process.pid()), "--fsize=" + soft + ":")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "prlimit failed: " + new String(p.getInputStream().readAllBytes()));
    }
}
