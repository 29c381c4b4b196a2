package ru.metricarelay.failed;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.response.ValidatableResponse;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import ru.metricarelay.support.MetricaStandIn;

/**
 * The story both sink tests tell: Metrica is down, two conversions fail; Metrica comes back but keeps
 * refusing the second one (a 503 matched on its ClientId); a replay sends the first again.
 */
final class Outage {

    static final String SECRET = "relay-test-secret-A1";
    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";
    static final String RECOVERS = "1674202831464027743";
    static final String STAYS_DOWN = "1674202831464027799";
    static final String METRICA_503 = "{\"errors\":[{\"error_type\":\"backend_error\",\"message\":\"try later\"}],\"code\":503}";

    private Outage() {
    }

    static String conversion(String dealId, String clientId) {
        return "{\"output\":\"CONVERSION\",\"deal_id\":\"" + dealId + "\",\"client_id\":\"" + clientId + "\",\"updated_at\":1748600000}";
    }

    /** Metrica answers every upload 503; both conversions are answered 503 and handed to the sink. */
    static void bothFail(WireMockServer metrica, FailedEvents failedEvents) throws Exception {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(503).withBody(METRICA_503)));
        hook(conversion("r-1", RECOVERS)).statusCode(503);
        hook(conversion("d-2", STAYS_DOWN)).statusCode(503);
        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Metrica is back for everything but the second conversion; the breaker forgets the outage. */
    static void recover(WireMockServer metrica) {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).atPriority(1).withRequestBody(containing(STAYS_DOWN))
                .willReturn(aResponse().withStatus(503).withBody(METRICA_503)));
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(77L))));
    }

    /** Metrica takes everything. */
    static void allBack(WireMockServer metrica) {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(78L))));
    }

    static int uploadsOf(WireMockServer metrica, String clientId) {
        return metrica.findAll(postRequestedFor(urlPathEqualTo(UPLOAD)).withRequestBody(containing(clientId))).size();
    }

    static ValidatableResponse hook(String body) {
        return given().header("X-Relay-Secret", SECRET).contentType("application/json").body(body).post("/hooks/generic").then();
    }

    static ValidatableResponse replay(String query) {
        return given().header("X-Relay-Secret", SECRET).post("/replay" + query).then();
    }
}
