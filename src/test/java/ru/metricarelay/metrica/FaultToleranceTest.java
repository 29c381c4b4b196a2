package ru.metricarelay.metrica;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaStandIn;

/** SPEC §6 against the loopback stand-in: retries, no retry on 4xx, Retry-After, deadline, breaker. */
@QuarkusTest
@TestProfile(LiveProfile.class)
@ExtendWith(Leaks.class)
class FaultToleranceTest {

    /** How long a hanging Metrica takes to answer: far beyond every timeout of the profile. */
    static final int HANG_MS = 20_000;

    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";
    static final String ORDERS = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/data/orders/json";
    static final String CONVERSION = "{\"output\":\"CONVERSION\",\"client_id\":\"1674202831464027743\",\"updated_at\":1748600000}";
    /** Slower than a healthy Metrica, faster than LiveProfile's read timeout. */
    static final int SLOW_MS = 800;
    static final String METRICA_503 = "{\"errors\":[{\"error_type\":\"backend_error\",\"message\":\"try later\"}],\"code\":503}";

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Inject
    MetricaSender sender;

    @BeforeEach
    void reset() {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
    }

    static ValidatableResponse postConversion() {
        return given().header("X-Relay-Secret", "relay-test-secret-A1").contentType("application/json")
                .body(CONVERSION).post("/hooks/generic").then();
    }

    void answers(String scenario, String from, String to, int status, String body, String retryAfter) {
        var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
        if (retryAfter != null) {
            response = response.withHeader("Retry-After", retryAfter);
        }
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).inScenario(scenario).whenScenarioStateIs(from)
                .willSetStateTo(to).willReturn(response));
    }

    int calls() {
        return metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).size();
    }

    @Test
    void twoServerErrorsThenSuccessIsThreeCallsAnd200() {
        answers("flaky", STARTED, "second", 503, METRICA_503, null);
        answers("flaky", "second", "third", 503, METRICA_503, null);
        answers("flaky", "third", "done", 200, MetricaStandIn.uploaded(42L), null);

        postConversion().statusCode(200).body("results[0].uploading_id", equalTo("42"));
        assertEquals(3, calls());
    }

    @Test
    void rejectedRecordIsOneCallAnd502WithMetricasMessage() {
        answers("bad", STARTED, STARTED, 400,
                "{\"errors\":[{\"error_type\":\"invalid_uploading\",\"message\":\"Неверный формат данных, ошибка в строке номер 2\"}],"
                        + "\"code\":400,\"message\":\"Неверный формат данных\"}", null);

        postConversion().statusCode(502).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("tag:metrica-relay,2026:problem:metrica-rejected"))
                .body("detail", containsString("invalid_uploading: Неверный формат данных, ошибка в строке номер 2"))
                .body("results[0].event_id", containsString("generic:default:"))
                .body("results[0].error", containsString("HTTP 400"));
        assertEquals(1, calls());
        assertTrue(Leaks.lines().stream().anyMatch(l -> l.contains("metrica_failed") && l.contains("client_id=1674202831464027743")),
                "no replay line was logged");
    }

    @Test
    void quotaWithRetryAfterIsRetriedNoSoonerThanAsked() {
        answers("quota", STARTED, "retried", 429,
                "{\"errors\":[{\"error_type\":\"quota_parallel_requests\",\"message\":\"too many\"}],\"code\":429}", "1");
        answers("quota", "retried", "done", 200, MetricaStandIn.uploaded(43L), null);

        postConversion().statusCode(200);
        List<ServeEvent> events = metrica.getAllServeEvents();
        assertEquals(2, events.size());
        long first = events.get(1).getRequest().getLoggedDate().getTime();
        long second = events.get(0).getRequest().getLoggedDate().getTime();
        assertTrue(second - first >= 1000, "retried after " + (second - first) + " ms, Retry-After asked for 1 s");
    }

    @Test
    void quota420WithoutRetryAfterIsRetriedWithBackoff() {
        // the English quotas page documents 420 for the same limits the Russian one answers 429 to
        answers("quota420", STARTED, "retried", 420,
                "{\"errors\":[{\"error_type\":\"quota_requests_by_ip\",\"message\":\"too many\"}],\"code\":420}", null);
        answers("quota420", "retried", "done", 200, MetricaStandIn.uploaded(44L), null);

        postConversion().statusCode(200).body("results[0].uploading_id", equalTo("44"));
        assertEquals(2, calls());
    }

    @Test
    void retryAfterBeyondTheDeadlineIsAnswered503AtOnce() {
        answers("long-quota", STARTED, STARTED, 429, "{\"errors\":[{\"error_type\":\"quota_requests_by_uid\"}]}", "3600");
        postConversion().statusCode(503).body("detail", containsString("retry after 3600 s"));
        assertEquals(1, calls());
    }

    /** Metrica would answer after 20 s; the relay answers at its deadline (no wall-clock goal: only before Metrica would). */
    @Test
    void hangingMetricaIsAnswered503WithinTheDeadline() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200).withFixedDelay(HANG_MS)));
        long started = System.nanoTime();
        postConversion().statusCode(503).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("tag:metrica-relay,2026:problem:metrica-unavailable"))
                .body("detail", containsString("deadline"))
                .body("results[0].error", containsString("deadline"));
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(tookMs < HANG_MS, "answered after " + tookMs + " ms, when the hanging Metrica answered, not at the deadline");
    }

    /**
     * Attempt 1 is cut at the read timeout, attempt 2 follows. Without the read timeout the answer, 3 s late, would hold
     * attempt 1 to the 3 s deadline: one call, and a deadline in the detail. No upper bound on the gap, so a loaded machine
     * cannot fail it. (A longer delay would hold the stand-in's threads into the next test.)
     */
    @Test
    void aSlowAnswerIsCutAtTheConfiguredReadTimeoutAndRetried() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200)
                .withFixedDelay(LiveProfile.READ_TIMEOUT_MS + 2000).withBody(MetricaStandIn.uploaded(45L))));

        postConversion().statusCode(503).body("detail", containsString("did not answer within " + LiveProfile.READ_TIMEOUT_MS + " ms"));
        List<Long> starts = metrica.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        assertEquals(2, starts.size(), "relay.metrica.read-timeout was not applied: " + starts);
        long gap = starts.get(1) - starts.get(0);
        assertTrue(gap >= LiveProfile.READ_TIMEOUT_MS, "second attempt after " + gap + " ms, before the read timeout");
    }

    @Test
    void connectionResetIsRetriedThen503() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        postConversion().statusCode(503).body("detail", containsString("cannot reach Metrica"));
        assertEquals(1 + LiveProfile.MAX_RETRIES, calls(), "relay.metrica.retry.max-retries was not applied");
    }

    @Test
    void breakerOpensAfterRepeatedFailuresThenAnswers503AtOnce() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(503).withBody(METRICA_503)));
        String detail = "";
        for (int i = 0; i < 5 && !detail.contains("circuit breaker"); i++) {
            detail = postConversion().statusCode(503).extract().path("detail");
        }
        assertTrue(detail.contains("circuit breaker is open"), "the breaker did not open: " + detail);
        int before = calls();
        postConversion().statusCode(503).body("detail", containsString("circuit breaker is open"));
        assertEquals(before, calls(), "an open breaker must not call Metrica");

        // the CDP API has its own breaker: orders still go through
        metrica.stubFor(post(urlPathEqualTo(ORDERS.replace("orders", "contacts"))).willReturn(aResponse().withStatus(200)
                .withBody(MetricaStandIn.uploaded("c"))));
        metrica.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded("o"))));
        given().header("X-Relay-Secret", "relay-test-secret-A1").contentType("application/json")
                .body("{\"deal_id\":\"9\",\"client_id\":\"1674202831464027743\"}").post("/hooks/generic").then()
                .statusCode(200);
    }

    @Test
    void aCallThatWaitedOutItsDeadlineInTheBulkheadQueueIsNeverMade() {
        // found by bench/load: under overload, queued calls reached Metrica seconds after their sender had
        // been answered 503 (and would resend them)
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200).withFixedDelay(SLOW_MS)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(7L))));
        var upload = new MetricaRequest(MetricaRequest.Kind.CONVERSIONS, MetricaStandIn.COUNTER,
                Map.of("client_id_type", "CLIENT_ID"), null,
                new MetricaRequest.CsvFile("conversions.csv", "ClientId,Target,DateTime\n1674202831464027743,form_sent,1748600000\n"));
        // four calls with time to spare: three take the bulkhead's slots, the fourth waits for one
        List<CompletableFuture<String>> holders = IntStream.range(0, 4)
                .mapToObj(i -> sender.send(upload, Deadline.in(Duration.ofSeconds(30))).subscribeAsCompletionStage())
                .toList();
        // queued behind them with enough time to be admitted to the queue (≥ relay.min-call-time), but
        // its deadline nears its end long before a slot frees
        var queued = sender.send(upload, Deadline.in(Duration.ofMillis(1200)));

        var failure = assertThrows(MetricaFailure.Unavailable.class, () -> queued.await().atMost(Duration.ofSeconds(20)));
        assertTrue(failure.detail().contains("free Metrica slot"), failure.detail());
        holders.forEach(h -> assertEquals("7", MetricaErrors.uploadingId(h.join())));
        assertEquals(4, calls(), "the queued call reached Metrica after its deadline");
        // never more than Metrica's 3 parallel requests per user
        List<Long> starts = metrica.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).sorted().toList();
        for (long t : starts) {
            long overlapping = starts.stream().filter(o -> o <= t && t < o + SLOW_MS).count();
            assertTrue(overlapping <= 3, overlapping + " calls were in flight at once");
        }
    }

    @Test
    void aCallWithTooLittleOfItsDeadlineLeftIsNotStarted() {
        var upload = new MetricaRequest(MetricaRequest.Kind.CONVERSIONS, MetricaStandIn.COUNTER,
                Map.of("client_id_type", "CLIENT_ID"), null,
                new MetricaRequest.CsvFile("conversions.csv", "ClientId,Target,DateTime\n1674202831464027743,form_sent,1748600000\n"));
        var failure = assertThrows(MetricaFailure.Unavailable.class,
                () -> sender.send(upload, Deadline.in(Duration.ofMillis(500))).await().atMost(Duration.ofSeconds(5)));
        assertTrue(failure.detail().contains("too little of the deadline left"), failure.detail());
        assertEquals(0, calls());
    }
}
