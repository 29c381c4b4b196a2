package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.MetricaStandIn;

/** Every line a webhook causes carries its request id, including lines logged on the Vert.x event loop after Metrica answered. */
@QuarkusTest
@TestProfile(LiveProfile.class)
class RequestIdTest {

    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Test
    void theCallersIdIsOnTheAccessLineAndOnTheFailureLineAfterMetricasAnswer() {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"invalid_uploading\",\"message\":\"bad\"}],\"code\":400}")));
        try (LogRecords log = LogRecords.start()) {
            given().header("X-Relay-Secret", "relay-test-secret-A1").header("X-Request-Id", "hook-req-1").contentType("application/json")
                    .body("{\"output\":\"CONVERSION\",\"deal_id\":\"rid-1\",\"client_id\":\"1674202831464027743\",\"updated_at\":1748600000}")
                    .post("/hooks/generic").then().statusCode(502).header("X-Request-Id", "hook-req-1");
            List<LogRecords.Line> mine = log.lines().stream().filter(l -> l.message() != null
                    && (l.message().startsWith("metrica_failed") || l.logger().equals("ru.metricarelay.access"))).toList();
            assertEquals(2, mine.size(), "expected the failure line and the access line: " + log.lines());
            for (LogRecords.Line line : mine) {
                assertEquals("hook-req-1", line.requestId(), line.toString());
                assertTrue(line.thread().contains("eventloop"), line.toString());
            }
        }
    }

    @Test
    void withoutAUsableIdTheRelayMakesOne() {
        given().get("/hooks/nope").then().statusCode(404).header("X-Request-Id", matchesPattern("[0-9a-f]{16}"));
        given().header("X-Request-Id", "has spaces; and=more").get("/hooks/nope").then().statusCode(404)
                .header("X-Request-Id", matchesPattern("[0-9a-f]{16}"));
        given().header("X-Request-Id", "a".repeat(65)).get("/q/health/live").then().statusCode(200);
        given().header("X-Request-Id", "ok-1").get("/hooks/nope").then().header("X-Request-Id", equalTo("ok-1"));
    }
}
