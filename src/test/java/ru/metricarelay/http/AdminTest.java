package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaCounter;
import ru.metricarelay.support.MetricaStandIn;

/**
 * GET /admin/doctor, POST /admin/provision, GET /admin/uploads against the loopback Metrica: each check's
 * ok, warn and fail path, provision creating only what is missing (and nothing on a second run), and the
 * secret. The relay's configuration (application.properties + LiveProfile) names five conversion goals (one a Marquiz quiz's own),
 * one own order status, conversions, calls and CDP orders.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
@ExtendWith(Leaks.class)
class AdminTest {

    static final String SECRET = "relay-test-secret-A1";
    static final List<String> GOALS = List.of("jivo_chat", LiveProfile.QUIZ_GOAL, "marquiz_lead", "max_start", "telegram_start", "tilda_form", "vk_start");
    static final String COUNTER = "/management/v1/counter/" + MetricaStandIn.COUNTER;

    @MetricaStandIn.Server
    WireMockServer metrica;

    @MetricaStandIn.Counter
    MetricaCounter counter;

    @BeforeEach
    void freshCounter() {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        counter.reset();
    }

    void healthy() {
        counter.setUp(GOALS.toArray(String[]::new));
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200); // maps the own status
        MetricaStandIn.reset(metrica);
    }

    static ValidatableResponse doctor() {
        return given().header("X-Relay-Secret", SECRET).get("/admin/doctor").then().statusCode(200).contentType("application/json");
    }

    static Map<String, Object> check(ValidatableResponse doctor, String name) {
        List<Map<String, Object>> checks = doctor.extract().jsonPath().getList("checks");
        return checks.stream().filter(c -> name.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
    }

    int writes() {
        return metrica.findAll(postRequestedFor(anyUrl())).size();
    }

    @Test
    void everyAdminEndpointNeedsTheSecretInTheHeader() {
        for (var request : List.of(given().when(), given().header("X-Relay-Secret", "wrong").when())) {
            request.get("/admin/doctor").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        }
        given().post("/admin/provision").then().statusCode(401);
        given().get("/admin/uploads").then().statusCode(401);
        given().get("/admin/doctor?secret=" + SECRET).then().statusCode(401);
        given().get("/admin/").then().statusCode(401);
        given().auth().preemptive().basic("op", "wrong").get("/admin/").then().statusCode(401);
        assertEquals(0, metrica.getAllServeEvents().size(), "Metrica was asked before the secret was checked");
    }

    /** The operator page (OperatorPageTest has it in a browser, queued) says a direct relay has no queue. */
    @Test
    void theOperatorPageSaysDirectDelivery() {
        healthy();
        given().auth().preemptive().basic("op", SECRET).queryParam("lang", "en").get("/admin/").then().statusCode(200)
                .body(containsString("Direct delivery: each webhook is sent to Metrica"), containsString("goal tilda_form"),
                        not(containsString("id=\"dry-run\"")));
    }

    @Test
    void aHealthyCounterPassesEveryCheck() {
        healthy();
        ValidatableResponse doctor = doctor().body("ok", equalTo(true)).body("checks.status", everyItem(equalTo("ok")));
        List<String> names = doctor.extract().jsonPath().getList("checks.name");
        assertEquals(List.of("token", "counter", "time_zone", "goal jivo_chat", "goal marquiz_kitchen", "goal marquiz_lead", "goal max_start", "goal telegram_start", "goal tilda_form",
                "goal vk_start",
                "order_statuses", "offline_conversions", "calls_tracking", "cdp"), names);
        assertTrue(check(doctor, "offline_conversions").get("detail").toString().contains("2025-01-10"), "no date from which uploads link");
        assertEquals(0, writes(), "doctor wrote to Metrica");
    }

    @Test
    void aWrongTimeZoneIsAWarningNamingBothZones() {
        healthy();
        counter.timeZone = "Asia/Yekaterinburg";
        ValidatableResponse doctor = doctor().body("ok", equalTo(true));
        Map<String, Object> tz = check(doctor, "time_zone");
        assertEquals("warn", tz.get("status"));
        assertTrue(tz.get("detail").toString().contains("Asia/Yekaterinburg") && tz.get("detail").toString().contains("Europe/Moscow")
                && tz.get("detail").toString().contains("+2 h"), tz.toString());
        assertEquals("Set METRICA_TIMEZONE=Asia/Yekaterinburg (or change the counter's time zone in Metrica).", tz.get("fix"));
    }

    @Test
    void missingAndMisconfiguredGoalsFailWithTheirFix() {
        healthy();
        counter.reset();
        counter.setUp("jivo_chat");
        counter.addGoal("action", "contain", "tilda_form");
        ValidatableResponse doctor = doctor().body("ok", equalTo(false));
        assertEquals("ok", check(doctor, "goal jivo_chat").get("status"));
        Map<String, Object> missing = check(doctor, "goal telegram_start");
        assertEquals("fail", missing.get("status"));
        assertTrue(missing.get("detail").toString().contains("relay.sources.telegram.target"), missing.toString());
        assertTrue(missing.get("fix").toString().startsWith("Run provision"), missing.toString());
        Map<String, Object> quiz = check(doctor, "goal " + LiveProfile.QUIZ_GOAL);
        assertEquals("fail", quiz.get("status"));
        assertTrue(quiz.get("detail").toString().contains("relay.sources.marquiz.quiz-targets"), quiz.toString());
        Map<String, Object> contain = check(doctor, "goal tilda_form");
        assertEquals("fail", contain.get("status"));
        assertTrue(contain.get("fix").toString().contains("\"exact\""), contain.toString());
    }

    @Test
    void aReadOnlyTokenFailsTheCounterCheck() {
        healthy();
        counter.permission = "view";
        Map<String, Object> c = check(doctor().body("ok", equalTo(false)), "counter");
        assertEquals("fail", c.get("status"));
        assertTrue(c.get("detail").toString().contains("permission view"), c.toString());
        assertTrue(c.get("fix").toString().contains("edit access"), c.toString());
    }

    @Test
    void anUnknownTokenIs401InPlainWords() {
        metrica.stubFor(get(urlPathEqualTo(COUNTER)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"unauthorized\",\"message\":\"Invalid oauth_token\"}],\"code\":401}")));
        ValidatableResponse doctor = doctor().body("ok", equalTo(false)).body("checks", hasSize(1));
        Map<String, Object> token = check(doctor, "token");
        assertEquals("fail", token.get("status"));
        assertTrue(token.get("detail").toString().contains("wrong, expired"), token.toString());
        assertTrue(token.get("fix").toString().contains("metrika:write") && token.get("fix").toString().contains("METRICA_TOKEN"), token.toString());
    }

    @Test
    void aTokenWithoutAccessIs403InPlainWords() {
        metrica.stubFor(get(urlPathEqualTo(COUNTER)).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"access_denied\",\"message\":\"Access is denied\"}],\"code\":403}")));
        Map<String, Object> token = check(doctor().body("ok", equalTo(false)), "token");
        assertEquals("fail", token.get("status"));
        assertTrue(token.get("detail").toString().contains("no access to this counter")
                && token.get("detail").toString().contains("metrika:offline_data"), token.toString());
        assertTrue(token.get("fix").toString().contains("edit access to counter " + MetricaStandIn.COUNTER), token.toString());
    }

    @Test
    void trackingOffFailsAndAWindowNotYetOpenWarns() {
        healthy();
        counter.conversionsEnabled = false;
        counter.callsFrom = "2099-01-01 00:00:00";
        ValidatableResponse doctor = doctor().body("ok", equalTo(false));
        Map<String, Object> conversions = check(doctor, "offline_conversions");
        assertEquals("fail", conversions.get("status"));
        assertTrue(conversions.get("fix").toString().contains("extended_threshold"), conversions.toString());
        Map<String, Object> calls = check(doctor, "calls_tracking");
        assertEquals("warn", calls.get("status"));
        assertTrue(calls.get("detail").toString().contains("2099-01-01") && calls.get("detail").toString().contains("VISIT_JOIN_THRESHOLD_UNMET"),
                calls.toString());
    }

    @Test
    void anUnmappedOwnStatusAndASilentCdpFail() {
        counter.setUp(GOALS.toArray(String[]::new));
        metrica.stubFor(get(urlPathEqualTo("/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/last_uploadings")).willReturn(aResponse()
                .withStatus(403).withBody("{\"errors\":[{\"error_type\":\"access_denied\",\"message\":\"no CDP\"}],\"code\":403}")));
        ValidatableResponse doctor = doctor().body("ok", equalTo(false));
        Map<String, Object> statuses = check(doctor, "order_statuses");
        assertEquals("fail", statuses.get("status"));
        assertTrue(statuses.get("detail").toString().contains(LiveProfile.OWN_STATUS), statuses.toString());
        Map<String, Object> cdp = check(doctor, "cdp");
        assertEquals("fail", cdp.get("status"));
        assertTrue(cdp.get("detail").toString().contains("403"), cdp.toString());
    }

    @Test
    void provisionCreatesOnlyWhatIsMissingReadsBackAndASecondRunWritesNothing() {
        counter.addGoal("action", "exact", "jivo_chat");
        given().header("X-Relay-Secret", SECRET).post("/admin/provision?dry_run=true").then().statusCode(200)
                .body("dry_run", equalTo(true)).body("ok", equalTo(true))
                .body("changes.action", equalTo(List.of("would_create", "would_create", "would_create", "would_create", "would_create",
                        "would_create", "would_map", "would_enable", "would_enable")));
        assertEquals(0, writes(), "a dry run wrote to Metrica");

        JsonPath first = given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(true)).body("dry_run", equalTo(false))
                .body("changes.verified", everyItem(equalTo(true))).extract().jsonPath();
        assertEquals(List.of("goal", "goal", "goal", "goal", "goal", "goal", "order_statuses", "offline_conversions", "calls_tracking"),
                first.getList("changes.what"));
        assertEquals(List.of(LiveProfile.QUIZ_GOAL, "marquiz_lead", "max_start", "telegram_start", "tilda_form", "vk_start",
                LiveProfile.OWN_STATUS, "extended_threshold", "calls_extended_threshold"), first.getList("changes.name"));
        assertEquals(9, writes());
        assertEquals(GOALS, counter.exactActionGoals().stream().sorted().toList());
        assertEquals(Map.of(LiveProfile.OWN_STATUS, "PAID"), counter.orderStatusTypes());
        doctor().body("ok", equalTo(true)).body("checks.status", everyItem(equalTo("ok")));

        MetricaStandIn.reset(metrica);
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(true)).body("changes", hasSize(0));
        assertEquals(0, writes(), "the second run wrote to Metrica");
    }

    @Test
    void provisionNeverEditsAGoalItDidNotMake() {
        counter.setUp("jivo_chat", LiveProfile.QUIZ_GOAL, "marquiz_lead", "max_start", "telegram_start", "vk_start");
        counter.addGoal("url", "contain", "tilda_form");
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(false))
                .body("changes.find { it.name == 'tilda_form' }.action", equalTo("manual"));
        assertEquals(List.of("jivo_chat", LiveProfile.QUIZ_GOAL, "marquiz_lead", "max_start", "telegram_start", "vk_start"),
                counter.exactActionGoals());
    }

    @Test
    void provisionWithAReadOnlyTokenChangesNothing() {
        counter.permission = "view";
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(false)).body("checks[0].name", equalTo("counter"));
        assertEquals(0, writes());
    }

    @Test
    void uploadsListsMetricasOwnListsNewestFirstAndCountsLinkageFailures() {
        counter.conversionUploadings.add(MetricaCounter.uploading(11, "2026-03-01T10:00:00+03:00", "PROCESSED", 5, 5));
        counter.conversionUploadings.add(MetricaCounter.uploading(12, "2026-03-03T10:00:00+03:00", "LINKAGE_FAILURE", 2, 2));
        counter.callUploadings.add(MetricaCounter.uploading(21, "2026-03-02T10:00:00+03:00", "PROCESSED", 1, 1));
        counter.cdpUploadings.add(MetricaCounter.cdpUploading("c-1", "2026-03-04 10:00:00", "PASSED", 3));
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads?limit=3").then().statusCode(200)
                .body("uploads.id", equalTo(List.of("c-1", "12", "21")))
                .body("uploads.list", equalTo(List.of("cdp", "conversions", "calls")))
                .body("uploads[1].status", equalTo("LINKAGE_FAILURE"))
                .body("uploads[1].rows", equalTo(2))
                .body("uploads[1].hint", containsString("21 days"))
                .body("uploads[0].rows", equalTo(3));
        given().get("/q/metrics").then().statusCode(200)
                .body(allOf(containsString("relay_uploads_linkage_failures{list=\"conversions\"} 1.0"),
                        containsString("relay_uploads_linkage_failures{list=\"calls\"} 0.0")));
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads?limit=0").then().statusCode(422);
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads?limit=1001").then().statusCode(422);
    }

    @Test
    void aListMetricaRefusesIsNamedAndTheOthersStillShow() {
        counter.callUploadings.add(MetricaCounter.uploading(21, "2026-03-02T10:00:00+03:00", "PROCESSED", 1, 1));
        metrica.stubFor(get(urlPathEqualTo(COUNTER + "/offline_conversions/uploadings")).willReturn(aResponse().withStatus(403)
                .withBody("{\"errors\":[{\"error_type\":\"access_denied\",\"message\":\"denied\"}],\"code\":403}")));
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads").then().statusCode(200)
                .body("uploads.id", equalTo(List.of("21")))
                .body("errors[0].name", equalTo("uploads conversions"))
                .body("errors[0].detail", not(containsString(MetricaStandIn.TOKEN)));
    }
}
