package ru.metricarelay.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import ru.metricarelay.support.MetricaRules;
import ru.metricarelay.support.MetricaStandIn;

/**
 * kill -9 of a real relay process (the packaged jar, a child JVM on 127.0.0.1) in the middle of a burst of webhooks
 * and in the middle of a flush: after a restart, every webhook that was answered 200 reaches the stand-in after the
 * next flush, and the SQLite file passes its integrity check. Also: a relay in direct mode creates no queue part.
 * Runs after `package` (failsafe execution queue-crash in the pom), bounded in count and time.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class QueueCrashIT {

    static final String M = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions";
    static final Path DIR = Path.of("target/queue-crash");
    static final Duration LIMIT = Duration.ofSeconds(60);
    static WireMockServer metrica;

    @BeforeAll
    static void standIn() throws Exception {
        Files.createDirectories(DIR);
        metrica = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(32)
                .extensions(new MetricaRules(MetricaStandIn.TOKEN)));
        metrica.start();
    }

    @AfterAll
    static void stop() {
        metrica.stop();
    }

    static void accepting(int callsDelayMs) {
        MetricaStandIn.reset(metrica);
        metrica.stubFor(post(urlPathEqualTo(M + "/upload")).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded(1L))));
        metrica.stubFor(post(urlPathEqualTo(M + "/upload_calls")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(callsDelayMs).withBody(MetricaStandIn.uploaded(2L))));
    }

    static Map<String, String> env(Path db, boolean queued) {
        Map<String, String> env = new HashMap<>(Map.of("METRICA_TOKEN", MetricaStandIn.TOKEN,
                "METRICA_COUNTER_ID", Long.toString(MetricaStandIn.COUNTER), "METRICA_API_URL", "http://127.0.0.1:" + metrica.port(),
                "RELAY_SECRET", Webhooks.SECRET, "RELAY_FLUSH_INTERVAL", "0", "RELAY_QUEUE_PATH", db.toString()));
        if (queued) {
            env.put("RELAY_DELIVERY", "queued");
        }
        return env;
    }

    @Test
    void killedInABurstAndInAFlushItLosesNoWebhookAnswered200() throws Exception {
        Path db = DIR.resolve("crash-" + System.nanoTime() + ".db");
        accepting(0);
        Set<String> answered = ConcurrentHashMap.newKeySet();

        // 1. kill -9 while 6 senders post conversions and calls
        try (RelayProcess relay = RelayProcess.start(env(db, true), DIR.resolve("burst.log"))) {
            burst(relay, answered, 0, 3000, 400);
            relay.kill9();
        }
        assertTrue(answered.size() >= 400, "only " + answered.size() + " webhooks were answered before the kill");
        assertIntact(db);

        // 2. restart on the same file, queue some more, and kill -9 while a flush waits for Metrica's answer on calls
        accepting(20_000);
        try (RelayProcess relay = RelayProcess.start(env(db, true), DIR.resolve("flush.log"))) {
            burst(relay, answered, 3000, 600, 600);
            ExecutorService flush = Executors.newSingleThreadExecutor();
            flush.submit(() -> relay.post("/queue/flush", "application/json", "", Duration.ofSeconds(60)));
            QueuedDeliveryScenarios.waitUntil(() -> !metrica.findAll(postRequestedFor(urlPathEqualTo(M + "/upload_calls"))).isEmpty(), LIMIT, "the flush to send calls");
            relay.kill9();
            flush.shutdownNow();
        }
        assertIntact(db);

        // 3. restart with the timer on: its next flush delivers everything that was answered 200 (the journal of steps 1-2 is kept)
        metrica.resetMappings();
        metrica.stubFor(post(urlPathEqualTo(M + "/upload")).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded(1L))));
        metrica.stubFor(post(urlPathEqualTo(M + "/upload_calls")).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded(2L))));
        Map<String, String> timer = env(db, true);
        timer.put("RELAY_FLUSH_INTERVAL", "1s");
        try (RelayProcess relay = RelayProcess.start(timer, DIR.resolve("after.log"))) {
            QueuedDeliveryScenarios.waitUntil(() -> queued(relay) == 0, LIMIT, "the timer flush to empty the queue");
        }
        assertTrue(Files.readString(DIR.resolve("after.log")).contains("flush: "), "no timer flush was logged");
        Set<String> delivered = new java.util.HashSet<>();
        metrica.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200)
                .forEach(e -> QueuedDeliveryScenarios.csv(e.getRequest()).forEach(row -> delivered.add(row.get("ClientId"))));
        List<String> lost = answered.stream().filter(id -> !delivered.contains(id)).sorted().toList();
        assertEquals(List.of(), lost, lost.size() + " of " + answered.size() + " webhooks answered 200 were not delivered");
    }

    @Test
    void directModeCreatesNoQueuePartAndStartsNoTimer() throws Exception {
        accepting(0);
        Path classes = DIR.resolve("direct-classes.log");
        Files.deleteIfExists(classes);
        try (RelayProcess relay = RelayProcess.start(env(DIR.resolve("never.db"), false), DIR.resolve("direct.log"),
                "-Xlog:class+load=info:file=" + classes)) {
            Webhooks.Hook hook = Webhooks.tilda(1);
            assertEquals(200, relay.post("/hooks/tilda", hook.contentType(), hook.body(), Duration.ofSeconds(10)).statusCode());
            assertEquals(404, relay.get("/queue").statusCode());
        }
        String loaded = Files.readString(classes);
        // bean metadata (Flusher_Bean, the client proxies) is loaded by the container; no queue part is ever created:
        // QueueMetrics exists only inside a Flusher, FlushRound only inside a flush, the stores only once opened
        for (String forbidden : List.of("org.sqlite.", "ru.metricarelay.queue.SqliteQueue", "ru.metricarelay.queue.SqsQueue",
                "ru.metricarelay.relay.QueueMetrics", "ru.metricarelay.relay.FlushRound", "software.amazon.awssdk.services.sqs")) {
            assertFalse(loaded.contains(forbidden), "direct mode loaded " + forbidden);
        }
        String log = Files.readString(DIR.resolve("direct.log"));
        assertFalse(log.contains("queued delivery"), "direct mode started queued delivery or its flush timer:\n" + log);
        assertFalse(Files.exists(DIR.resolve("never.db")), "direct mode created the queue file");
    }

    /** {@code senders} threads post webhooks numbered from {@code first} until {@code count} are sent or the relay is gone. */
    static void burst(RelayProcess relay, Set<String> answered, int first, int count, int atLeast) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(6);
        // the queue's first row is a conversion: a flush sends conversions (accepted at once), then calls (held back)
        AtomicInteger next = new AtomicInteger(first);
        AtomicInteger ok = new AtomicInteger();
        for (int t = 0; t < 6; t++) {
            senders.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < first + count) {
                    Webhooks.Hook hook = n % 3 == 1 ? Webhooks.call(n) : Webhooks.tilda(n);
                    try {
                        HttpResponse<String> r = relay.post("/hooks/" + hook.source(), hook.contentType(), hook.body(), Duration.ofSeconds(10));
                        if (r.statusCode() == 200 && r.body().contains("\"queued\":true")) {
                            answered.add(Webhooks.clientId(n % 3 == 1 ? 3 : 1, n));
                            ok.incrementAndGet();
                        }
                    } catch (Exception gone) {
                        return null; // killed: the sender got no answer, so it would send again
                    }
                }
                return null;
            });
        }
        QueuedDeliveryScenarios.waitUntil(() -> ok.get() >= atLeast || next.get() >= first + count, LIMIT, "the burst to get " + atLeast + " answers");
        if (atLeast >= count) {
            senders.shutdown();
            senders.awaitTermination(60, TimeUnit.SECONDS);
        } else {
            senders.shutdown(); // the caller kills the relay now, in the middle of the burst
        }
    }

    static long queued(RelayProcess relay) {
        try {
            HttpResponse<String> status = relay.get("/queue");
            return status.statusCode() == 200 ? new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.body()).get("queued").asLong() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** SQLite's own check of every page, index and the WAL: "ok" or the list of what is broken. */
    static void assertIntact(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> result = new ArrayList<>();
            while (rs.next()) {
                result.add(rs.getString(1));
            }
            assertEquals(List.of("ok"), result, "the queue file is corrupt");
        }
    }
}
