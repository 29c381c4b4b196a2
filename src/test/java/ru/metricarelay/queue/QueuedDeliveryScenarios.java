package ru.metricarelay.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import ru.metricarelay.failed.FailedEvent;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.failed.Store;
import ru.metricarelay.support.MetricaRules;
import ru.metricarelay.support.MetricaStandIn;
import ru.metricarelay.support.RawHttp;

/**
 * Queued delivery end to end against the strict stand-in, the same scenarios for every backend (SQLite, SQS):
 * merge and request count, one rejected row among many, Metrica down, Metrica's quota.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class QueuedDeliveryScenarios {

    static final String C = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER;
    static final String M = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions";
    static final List<String> UPLOADS = List.of(C + "/data/contacts/json", C + "/data/orders/json", M + "/upload", M + "/upload_calls");
    static final String METRICA_503 = "{\"errors\":[{\"error_type\":\"backend_error\",\"message\":\"try later\"}],\"code\":503}";
    static final ObjectMapper JSON = new ObjectMapper();

    @MetricaStandIn.Server
    WireMockServer metrica;

    @TestHTTPResource("/")
    URL root;

    @Inject
    Queue queue;

    @Inject
    FailedEvents failedEvents;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyQueueAndHealthyMetrica() throws Exception {
        waitUntil(() -> status().get("quota") == null, Duration.ofSeconds(10), "a quota block from an earlier test to end");
        QueueStore store = queue.store();
        List<QueueStore.Taken> all = store.take(1_000_000, Duration.ofSeconds(30), Instant.now().plusSeconds(30));
        store.remove(all);
        Store sink = failedEvents.store();
        sink.remove(sink.take(10_000, Duration.ofSeconds(30)));
        List<DeadRow> dead = store.dead(10_000, Duration.ofSeconds(30));
        if (!dead.isEmpty()) { // the dead letter emptied through the store: requeued, then taken away
            store.requeue(dead);
            store.remove(store.take(1_000_000, Duration.ofSeconds(30), Instant.now().plusSeconds(30)));
        }
        queue.health().token().clear();
        metricaAcceptsEverything();
    }

    void metricaAcceptsEverything() {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        for (String path : UPLOADS) {
            String body = path.startsWith(C) ? MetricaStandIn.uploaded("cdp-1") : MetricaStandIn.uploaded(77L);
            metrica.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body)));
        }
    }

    @Test
    @Order(1)
    void thousandMixedWebhooksAreOneFlushOfAtMostSixRequestsEachRowOnceOrdersInTheirLatestState() throws Exception {
        List<Webhooks.Hook> hooks = new ArrayList<>();
        IntStream.range(0, 400).forEach(n -> hooks.add(Webhooks.tilda(n)));
        IntStream.range(0, 300).forEach(n -> hooks.add(Webhooks.call(n)));
        // 200 leads; 100 of them change status twice (in progress, then won) — sent in either order
        IntStream.range(0, 200).forEach(n -> hooks.add(Webhooks.amocrm(41_000_000 + n, n < 100 ? 142 : 61000003, 1748600000L + n)));
        IntStream.range(0, 100).forEach(n -> {
            Webhooks.Hook older = Webhooks.amocrm(41_000_000 + n, 61000003, 1748500000L + n);
            if (n % 2 == 0) {
                hooks.add(older); // posted after the newer state
            } else {
                hooks.add(300 + n, older); // posted before it
            }
        });
        assertEquals(1000, hooks.size());

        List<RawHttp.Answer> answers = Webhooks.postAll(root.toString(), hooks, 8);
        for (RawHttp.Answer a : answers) {
            assertEquals(200, a.status(), a.body());
            JsonNode body = JSON.readTree(a.body());
            assertEquals(false, body.get("dry_run").asBoolean());
            assertEquals(true, body.get("queued").asBoolean(), a.body());
            assertTrue(body.get("results").get(0).has("event_id"));
            assertTrue(!body.get("results").get(0).has("uploading_id"), "queued: no Metrica call yet");
        }
        assertEquals(0, metrica.findAll(anyRequestedFor(anyUrl())).size(), "a webhook called Metrica in queued mode");
        JsonPath before = status();
        assertEquals(1000, before.getInt("queued"));
        assertDepthByOutput(before, Map.of("CONVERSION", 400, "CALL", 300, "ORDER", 300));

        JsonPath report = flush();
        assertEquals(1000, report.getInt("flushed_rows"));
        assertEquals(0, report.getInt("failed_rows"));
        assertEquals(0, report.getInt("remaining"));
        List<LoggedRequest> sent = metrica.findAll(postRequestedFor(anyUrl()));
        String log = metrica.getAllServeEvents().stream().map(e -> e.getRequest().getUrl() + " " + e.getResponse().getStatus()
                + " " + e.getTiming().getTotalTime() + " ms").toList().toString();
        assertTrue(sent.size() <= 6, "Metrica got " + sent.size() + " requests: " + log);
        assertEquals(sent.size(), report.getInt("requests"), log);

        List<Map<String, String>> conversions = csvRows(M + "/upload");
        assertEquals(400, conversions.size());
        assertEquals(400, conversions.stream().map(r -> r.get("ClientId")).distinct().count(), "a conversion twice or missing");
        List<Map<String, String>> calls = csvRows(M + "/upload_calls");
        assertEquals(300, calls.stream().map(r -> r.get("ClientId")).distinct().count());
        assertEquals(300, calls.size());
        List<JsonNode> orders = jsonRows(C + "/data/orders/json", "orders");
        assertEquals(200, orders.size(), "one row per order id");
        Map<String, String> statusOf = new HashMap<>();
        orders.forEach(o -> statusOf.put(o.get("id").asText(), o.get("order_status").asText()));
        assertEquals(200, statusOf.size());
        IntStream.range(0, 100).forEach(n -> assertEquals("PAID", statusOf.get("amocrm:exampleshop:" + (41_000_000 + n)),
                "lead " + n + " must be sent in its latest state"));
        assertEquals(200, jsonRows(C + "/data/contacts/json", "contacts").size(), "one contact per uniq_id");
        assertEquals(0, status().getInt("queued"));
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("relay_flush_requests_total{api=\"metrica-cdp\",outcome=\"accepted\"}"), metrics);
        assertTrue(metrics.contains("relay_queue_depth"));
    }

    @Test
    @Order(2)
    void oneInvalidRowAmongFiveHundredGoesToTheDeadLetterTheRestIsDeliveredInTheSameFlush() throws Exception {
        List<Webhooks.Hook> hooks = new ArrayList<>();
        IntStream.range(0, 500).forEach(n -> hooks.add(Webhooks.conversion(n, n == 321 ? MetricaRules.REFUSED_TARGET : "deal_won")));
        Webhooks.postAll(root.toString(), hooks, 8).forEach(a -> assertEquals(200, a.status(), a.body()));

        JsonPath report = flush();
        assertEquals(499, report.getInt("flushed_rows"));
        assertEquals(1, report.getInt("failed_rows"));
        assertEquals(0, report.getInt("remaining"));
        Set<String> delivered = new HashSet<>();
        metrica.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 200)
                .forEach(e -> csv(e.getRequest()).forEach(row -> delivered.add(row.get("ClientId"))));
        assertEquals(499, delivered.size());
        assertTrue(!delivered.contains(Webhooks.clientId(4, 321)));
        assertTrue(report.getInt("requests") <= 4, "isolating one named line took " + report.getInt("requests") + " requests");

        assertEquals(0, failedEvents().size(), "queued mode keeps refused rows in its own dead letter, not in the log sink");
        assertEquals(1, status().getLong("dead"));
        JsonPath dead = dead();
        assertEquals(1, dead.getList("rows").size(), dead.prettify());
        assertEquals("refused", dead.getString("rows[0].reason"));
        assertEquals(400, dead.getInt("rows[0].answer_status"));
        assertEquals("generic:default:c-321", dead.getString("rows[0].event_id"));
        assertEquals(Webhooks.clientId(4, 321), dead.getString("rows[0].client_id"));
        assertTrue(dead.getString("rows[0].error").contains("ошибка в строке номер"), dead.prettify());
    }

    @Test
    @Order(3)
    void whileMetricaIsDownWebhooksAreQueuedAndOneFlushDrainsThemWhenItIsBack() throws Exception {
        MetricaStandIn.reset(metrica);
        for (String path : UPLOADS) {
            metrica.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(503).withBody(METRICA_503)));
        }
        List<Webhooks.Hook> first = IntStream.range(0, 40).mapToObj(Webhooks::tilda).toList();
        Webhooks.postAll(root.toString(), first, 4).forEach(a -> assertTrue(a.status() == 200 && a.body().contains("\"queued\":true")));
        JsonPath down = flush();
        assertEquals(0, down.getInt("flushed_rows"));
        assertEquals(40, down.getInt("remaining"));
        assertEquals("metrica_unavailable", down.getString("stopped.reason"), down.prettify());
        List<Webhooks.Hook> more = IntStream.range(40, 100).mapToObj(Webhooks::call).toList();
        Webhooks.postAll(root.toString(), more, 4).forEach(a -> assertEquals(200, a.status()));
        assertEquals(100, status().getInt("queued"), "the depth grows while Metrica is down");
        metrica.resetRequests();
        JsonPath stillDown = flush();
        assertEquals(100, stillDown.getInt("remaining"));
        // the flush stops at the first upload that fails (after the policy's retries): no other upload is tried
        List<LoggedRequest> tried = metrica.findAll(postRequestedFor(anyUrl()));
        assertEquals(stillDown.getInt("requests"), tried.size());
        assertEquals(1, tried.stream().map(r -> r.getUrl().replaceAll("\\?.*", "")).distinct().count(), "a second upload after a 5xx");
        assertTrue(metrica.findAll(postRequestedFor(anyUrl())).size() > 0);

        metricaAcceptsEverything();
        JsonPath back = flush();
        assertEquals(100, back.getInt("flushed_rows"));
        assertEquals(0, back.getInt("remaining"));
        assertEquals(40, csvRows(M + "/upload").size());
        assertEquals(60, csvRows(M + "/upload_calls").size());
        assertEquals(0, failedEvents().size(), "an outage is not a rejection");
    }

    @Test
    @Order(4)
    void aQuotaAnswerStopsEveryCallUntilItResets() throws Exception {
        MetricaStandIn.reset(metrica);
        metrica.stubFor(post(urlPathEqualTo(M + "/upload")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                .withBody("{\"errors\":[{\"error_type\":\"quota_requests_by_uid\",\"message\":\"Quota exceeded\"}],\"code\":429}")));
        metrica.stubFor(post(urlPathEqualTo(M + "/upload_calls")).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded(5L))));
        // calls and conversions: whichever group goes first, nothing is sent after the quota answer
        Webhooks.postAll(root.toString(), IntStream.range(0, 10).mapToObj(Webhooks::call).toList(), 4)
                .forEach(a -> assertEquals(200, a.status()));
        Webhooks.postAll(root.toString(), IntStream.range(0, 10).mapToObj(Webhooks::tilda).toList(), 4)
                .forEach(a -> assertEquals(200, a.status()));
        metrica.stubFor(post(urlPathEqualTo(C + "/data/orders/json")).willReturn(aResponse().withStatus(200)
                .withBody(MetricaStandIn.uploaded("never"))));

        JsonPath quota = flush();
        assertEquals(1, metrica.findAll(postRequestedFor(urlPathEqualTo(M + "/upload"))).size(), "a quota answer is not retried");
        int calls = metrica.findAll(postRequestedFor(anyUrl())).size();
        // WireMock lists the newest request first
        assertEquals(429, metrica.getAllServeEvents().get(0).getResponse().getStatus(), "a call after the quota answer");
        assertEquals(20, quota.getInt("flushed_rows") + quota.getInt("remaining"));
        assertTrue(quota.getInt("remaining") >= 10);
        JsonPath blocked = status();
        assertTrue(blocked.getString("quota.blocked_until") != null, blocked.prettify());
        assertTrue(given().get("/q/metrics").asString().contains("relay_flush_requests_total{api=\"metrica-management\",outcome=\"quota\"}"));

        JsonPath skipped = flush();
        assertEquals(0, skipped.getInt("requests"));
        assertEquals(calls, metrica.findAll(postRequestedFor(anyUrl())).size(), "a flush called Metrica during the quota block");

        metricaAcceptsEverything();
        waitUntil(() -> status().get("quota") == null, Duration.ofSeconds(10), "the quota block to end after Retry-After");
        int left = quota.getInt("remaining");
        JsonPath after = flush();
        assertEquals(left, after.getInt("flushed_rows"));
        assertEquals(0, after.getInt("remaining"));
    }

    @Test
    @Order(5)
    void theQueueEndpointsNeedTheSecret() {
        given().post("/queue/flush").then().statusCode(401);
        given().header("X-Relay-Secret", "wrong").get("/queue").then().statusCode(401);
        given().post("/queue/flush/wrong-secret").then().statusCode(401).body("instance", equalTo("/queue/flush/***"));
        given().post("/queue/flush/" + Webhooks.SECRET).then().statusCode(200).body("requests", equalTo(0));
    }

    @Test
    @Order(6)
    void tokenAndRightsErrorsKeepEveryRowQueuedSplitNothingAndStopTheFlush() throws Exception {
        List<Webhooks.Hook> hooks = new ArrayList<>();
        IntStream.range(0, 30).forEach(n -> hooks.add(Webhooks.tilda(n)));
        IntStream.range(0, 20).forEach(n -> hooks.add(Webhooks.call(n)));
        Webhooks.postAll(root.toString(), hooks, 4).forEach(a -> assertEquals(200, a.status(), a.body()));
        for (int status : new int[] {401, 403}) {
            MetricaStandIn.reset(metrica);
            for (String path : UPLOADS) {
                metrica.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(status).withBody("{\"errors\":[{\"error_type\":"
                        + "\"" + (status == 401 ? "invalid_token" : "access_denied") + "\",\"message\":\"Access denied\"}],\"code\":" + status + "}")));
            }
            JsonPath refused = flush();
            assertEquals(0, refused.getInt("flushed_rows"), refused.prettify());
            assertEquals(0, refused.getInt("failed_rows"), "a token error is not a row error");
            assertEquals(50, refused.getInt("remaining"));
            assertEquals("token", refused.getString("stopped.reason"));
            assertEquals(1, metrica.findAll(postRequestedFor(anyUrl())).size(), "nothing is split or retried after " + status);
            JsonPath queue = status();
            assertEquals(0L, queue.getLong("dead"));
            assertTrue(queue.getString("token_refused.detail").contains(String.valueOf(status)), queue.prettify());
            String doctor = given().header("X-Relay-Secret", Webhooks.SECRET).get("/admin/doctor").asString();
            assertTrue(doctor.contains("\"name\":\"queue\",\"status\":\"fail\""), doctor);
            // still ready: webhooks are stored safely; readiness names the cause
            given().get("/q/health/ready").then().statusCode(200).body(org.hamcrest.Matchers.containsString("token_refused"));
        }
        metricaAcceptsEverything();
        JsonPath fixed = flush();
        assertEquals(50, fixed.getInt("flushed_rows"), fixed.prettify());
        assertEquals(0, fixed.getInt("remaining"));
        assertTrue(status().get("token_refused") == null, "token_refused after an accepted upload");
        assertEquals(30, csvRows(M + "/upload").size(), "every conversion exactly once");
        assertEquals(20, csvRows(M + "/upload_calls").size(), "every call exactly once");
    }

    @Test
    @Order(7)
    void aRowMetricaRefusesAloneWaitsInTheDeadLetterAndReplayDeliversItOnce() throws Exception {
        MetricaStandIn.reset(metrica);
        metrica.stubFor(post(urlPathEqualTo(M + "/upload")).willReturn(aResponse().withStatus(400).withBody(
                "{\"errors\":[{\"error_type\":\"invalid_parameter\",\"message\":\"Goal not found for client +7 999 123-45-67\"}],\"code\":400}")));
        Webhooks.postAll(root.toString(), List.of(Webhooks.tilda(7)), 1).forEach(a -> assertEquals(200, a.status()));
        JsonPath refused = flush();
        assertEquals(1, refused.getInt("failed_rows"), refused.prettify());
        assertEquals(0, refused.getInt("remaining"));
        JsonPath dead = dead();
        assertEquals(1L, dead.getLong("dead"));
        assertTrue(!dead.prettify().contains("123-45-67"), "a phone in Metrica's message is shown masked: " + dead.prettify());

        JsonPath dry = given().header("X-Relay-Secret", Webhooks.SECRET).post("/replay?dry_run=true").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, dry.getInt("requeued"));
        assertEquals(1, dry.getList("rows").size());

        metricaAcceptsEverything();
        JsonPath replay = given().header("X-Relay-Secret", Webhooks.SECRET).post("/replay").then().statusCode(200).extract().jsonPath();
        assertEquals(1, replay.getInt("requeued"), replay.prettify());
        assertEquals(1, replay.getInt("flush.flushed_rows"));
        assertEquals(0L, replay.getLong("remaining"));
        assertEquals(List.of(Webhooks.clientId(1, 7)), csvRows(M + "/upload").stream().filter(r -> !r.isEmpty())
                .map(r -> r.get("ClientId")).toList());
        assertEquals(0, status().getInt("queued"));
    }

    /**
     * Three Tilda conversions queued, and Metrica takes conversions but never answers (the read timeout is 5 s: the answer
     * would come after 6 s); then one flush, which must stop at that upload without sending it again.
     */
    JsonPath threeConversionsAndAFlushMetricaNeverAnswers() throws Exception {
        MetricaStandIn.reset(metrica);
        metrica.stubFor(post(urlPathEqualTo(M + "/upload")).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)
                .withBody(MetricaStandIn.uploaded(9L))));
        Webhooks.postAll(root.toString(), IntStream.range(0, 3).mapToObj(Webhooks::tilda).toList(), 3)
                .forEach(a -> assertEquals(200, a.status()));
        JsonPath unanswered = flush();
        assertEquals("unanswered", unanswered.getString("stopped.reason"), unanswered.prettify());
        assertEquals(1, unanswered.getInt("requests"), "an upload without an answer is not sent again by its flush");
        assertEquals(3, unanswered.getInt("remaining"));
        return unanswered;
    }

    // ---------------------------------------------------------------- helpers

    JsonPath dead() {
        return given().header("X-Relay-Secret", Webhooks.SECRET).get("/queue/dead").then().statusCode(200).extract().jsonPath();
    }

    JsonPath flush() {
        return given().header("X-Relay-Secret", Webhooks.SECRET).post("/queue/flush").then().statusCode(200).extract().jsonPath();
    }

    JsonPath status() {
        return given().header("X-Relay-Secret", Webhooks.SECRET).get("/queue").then().statusCode(200).extract().jsonPath();
    }

    /** SQLite counts by output; SQS cannot (its by_output is empty). */
    abstract void assertDepthByOutput(JsonPath status, Map<String, Integer> expected);

    List<FailedEvent> failedEvents() throws Exception {
        failedEvents.settled().toCompletableFuture().get();
        Store sink = failedEvents.store();
        List<Store.Stored> stored = sink.take(100, Duration.ofSeconds(1));
        sink.release(stored);
        List<FailedEvent> events = new ArrayList<>();
        for (Store.Stored s : stored) {
            events.add(json.readValue(s.json(), FailedEvent.class));
        }
        return events;
    }

    List<Map<String, String>> csvRows(String path) {
        List<Map<String, String>> rows = new ArrayList<>();
        metrica.findAll(postRequestedFor(urlPathEqualTo(path))).forEach(r -> rows.addAll(csv(r)));
        return rows;
    }

    static List<Map<String, String>> csv(com.github.tomakehurst.wiremock.http.Request request) {
        if (request.getPart("file") == null) {
            return List.of();
        }
        try (var it = new CsvMapper().readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader())
                .<Map<String, String>>readValues(request.getPart("file").getBody().asString())) {
            return it.readAll();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    List<JsonNode> jsonRows(String path, String field) throws Exception {
        List<JsonNode> rows = new ArrayList<>();
        for (LoggedRequest r : metrica.findAll(postRequestedFor(urlPathEqualTo(path)))) {
            JSON.readTree(r.getBodyAsString()).get(field).forEach(rows::add);
        }
        return rows;
    }

    /** A bounded wait for something that takes real time (a Retry-After, a process starting a flush). */
    static void waitUntil(java.util.function.BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
