package ru.metricarelay.failed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.MetricaStandIn;

/**
 * An outage is quiet in the log and complete in the sink (docs/reliability.md#quiet-outages): 1,000
 * webhooks refused while Metrica is down write at most 50 failure lines, with the shipped 10 s interval,
 * while the file sink holds all 1,000 events. Also: a line logged on a worker thread carries its request id.
 */
@QuarkusTest
@TestProfile(FileSinkProfile.class)
class QuietOutageTest {

    static final int WEBHOOKS = 1000;
    static final Pattern NOT_LOGGED = Pattern.compile("not_logged=(\\d+)");

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Inject
    FailedEvents failedEvents;

    @Test
    void thousandRefusedWebhooksWriteAtMostFiftyFailureLinesAndTheSinkKeepsAll() throws Exception {
        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Files.deleteIfExists(FileSinkProfile.FILE);
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(Outage.UPLOAD)).willReturn(aResponse().withStatus(503).withBody(Outage.METRICA_503)));

        List<Integer> statuses;
        try (LogRecords log = LogRecords.start()) {
            statuses = postAll();
            failedEvents.settled().toCompletableFuture().get(30, TimeUnit.SECONDS);
            failedEvents.endLogInterval();
            List<String> failureLines = log.lines().stream().map(LogRecords.Line::message)
                    .filter(m -> m != null && m.startsWith("metrica_failed")).toList();
            assertTrue(failureLines.size() <= 50, failureLines.size() + " failure lines for " + WEBHOOKS + " refused webhooks");
            long full = failureLines.stream().filter(l -> l.startsWith("metrica_failed event_id=")).count();
            long counted = 0;
            for (String line : failureLines) {
                Matcher m = NOT_LOGGED.matcher(line);
                if (m.find()) {
                    counted += Long.parseLong(m.group(1));
                    assertTrue(line.contains("first_event_ids=generic:default:") && line.contains("answers=503:"), line);
                }
            }
            assertEquals(WEBHOOKS, full + counted, "every refused event is either logged or counted: " + failureLines);
        }
        assertEquals(List.of(503), statuses.stream().distinct().toList());
        assertEquals(WEBHOOKS, Files.readAllLines(FileSinkProfile.FILE).size(), "the sink must hold every event");
        Files.deleteIfExists(FileSinkProfile.FILE);
    }

    /** Bounded: 1,000 requests to 127.0.0.1, 8 at a time. */
    static List<Integer> postAll() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Integer>> sent = new ArrayList<>();
            for (int i = 0; i < WEBHOOKS; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/hooks/generic"))
                        .timeout(Duration.ofSeconds(30)).header("X-Relay-Secret", Outage.SECRET).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Outage.conversion("q-" + i, Outage.RECOVERS))).build();
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool));
            }
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> s : sent) {
                statuses.add(s.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLineLoggedOnAWorkerThreadCarriesTheRequestId() throws Exception {
        try (LogRecords log = LogRecords.start()) {
            RestAssured.given().header("X-Relay-Secret", Outage.SECRET).header("X-Request-Id", "replay-req-7")
                    .post("/replay?dry_run=true").then().statusCode(200).header("X-Request-Id", "replay-req-7");
            LogRecords.Line replay = log.lines().stream().filter(l -> l.message() != null && l.message().startsWith("replay: read"))
                    .findFirst().orElseThrow(() -> new AssertionError("no replay line: " + log.lines()));
            assertTrue(replay.thread().contains("executor"), "expected a worker thread, got " + replay.thread());
            assertEquals("replay-req-7", replay.requestId());
        }
    }
}
