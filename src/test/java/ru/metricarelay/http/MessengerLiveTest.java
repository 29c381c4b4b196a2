package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.MetricaStandIn;
import ru.metricarelay.support.Sources;

/**
 * VK and MAX with a token, against the strict Metrica stand-in (docs/sources/vk.md, docs/sources/max.md): a deep-linked
 * ClientId becomes exactly one upload; a wrong secret sends nothing; VK reads plain text, so a refusal it would resend in
 * vain (Metrica rejecting the record) is answered "ok" and kept in /admin/deliveries, while an outage stays a 503 that VK
 * resends.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
@ExtendWith(Leaks.class)
class MessengerLiveTest {

    static final String SECRET = "relay-test-secret-A1";
    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";
    static final String VK_SAMPLE = Sources.resource("/payloads/vk/message_new_ref_clientid_RECONSTRUCTED.json");
    static final String MAX_SAMPLE = Sources.resource("/payloads/max/bot_started_payload_clientid_RECONSTRUCTED.json");

    @MetricaStandIn.Server
    WireMockServer metrica;

    /** Whether one upload has gone through this JVM's relay and stand-in (see {@link #reset}). */
    static boolean warm;

    /**
     * A fresh stand-in and breaker per test. Before the first test, one accepted upload: the first multipart upload of
     * a cold JVM (the stand-in's parser, the relay's CSV writer) can outlast the profile's 1 s read timeout on a busy
     * machine, and its retry would then land in the next test's counts.
     */
    @BeforeEach
    void reset() {
        if (!warm) {
            MetricaStandIn.reset(metrica);
            acceptConversions();
            given().contentType("application/json").header("X-Max-Bot-Api-Secret", "max-test-secret-A1").body(MAX_SAMPLE)
                    .post("/hooks/max/" + SECRET);
            warm = true;
        }
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
    }

    void acceptConversions() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(7001L))));
    }

    void verifyOneConversion(String target) {
        metrica.verify(1, postRequestedFor(urlEqualTo(UPLOAD + "?client_id_type=CLIENT_ID"))
                .withRequestBodyPart(aMultipart().withName("file").withBody(equalTo("ClientId,Target,DateTime,Price,Currency\n"
                        + "1674202831464027743," + target + ",1748600000,,\n")).build()));
        assertEquals(1, metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).size());
    }

    static io.restassured.response.ValidatableResponse vk(String body) {
        return given().contentType("application/json").body(body).post("/hooks/vk/" + SECRET).then();
    }

    static JsonPath lastDelivery(String source) {
        return given().header("X-Relay-Secret", SECRET).get("/admin/deliveries?limit=1&source=" + source).then()
                .statusCode(200).extract().jsonPath().setRootPath("deliveries[0]");
    }

    @Test
    void vkMessageWithRefIsOneConversionAnsweredOk() {
        acceptConversions();
        vk(VK_SAMPLE).statusCode(200).contentType(startsWith("text/plain")).body(is("ok"));
        verifyOneConversion("vk_start");
        JsonPath delivery = lastDelivery("vk");
        assertEquals("CONVERSION", delivery.getString("results[0].action"));
        assertEquals("7001", delivery.getString("results[0].uploading_id"));
    }

    @Test
    void vkWrongBodySecretIsRefusedAndNothingIsSent() {
        acceptConversions();
        vk(VK_SAMPLE.replace("vk-test-secret-A1", "vk-test-secret-C3")).statusCode(401)
                .contentType(startsWith("application/problem+json"));
        assertEquals(0, metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).size());
    }

    @Test
    void vkRecordMetricaRejectsIsAnsweredOkAndKeptWithItsProblem() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"invalid_parameter\",\"message\":\"Неверный формат данных\"}],\"code\":400}")));
        try (LogRecords log = LogRecords.start()) {
            vk(VK_SAMPLE).statusCode(200).contentType(startsWith("text/plain")).body(is("ok"));
            assertTrue(log.lines().stream().anyMatch(l -> l.message().startsWith("vk: answered \"ok\" in place of 502")),
                    "the refusal answered ok is logged: " + log.lines());
        }
        assertEquals(1, metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).size(), "a rejected upload is not retried");
        JsonPath delivery = lastDelivery("vk");
        assertEquals(200, delivery.getInt("status"));
        assertEquals(502, delivery.getInt("problem.status"));
        assertEquals("CONVERSION", delivery.getString("results[0].action"));
        assertTrue(delivery.getString("results[0].error").contains("Неверный формат данных"),
                delivery.prettify());
    }

    @Test
    void vkDuringAMetricaOutageIsA503ThatVkResends() {
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(503)
                .withBody("{\"errors\":[{\"error_type\":\"backend_error\",\"message\":\"try later\"}],\"code\":503}")));
        vk(VK_SAMPLE).statusCode(503).contentType(startsWith("application/problem+json"));
    }

    @Test
    void maxBotStartedIsOneConversion() {
        acceptConversions();
        given().contentType("application/json").header("X-Max-Bot-Api-Secret", "max-test-secret-A1").body(MAX_SAMPLE)
                .post("/hooks/max/" + SECRET).then().statusCode(200)
                .body("results[0].action", is("CONVERSION")).body("results[0].uploading_id", is("7001"));
        verifyOneConversion("max_start");
    }

    @Test
    void maxWrongSecretHeaderIsRefusedAndNothingIsSent() {
        acceptConversions();
        given().contentType("application/json").header("X-Max-Bot-Api-Secret", "max-test-secret-C3").body(MAX_SAMPLE)
                .post("/hooks/max/" + SECRET).then().statusCode(401);
        assertEquals(0, metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD))).size());
    }
}
