package ru.metricarelay.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaStandIn;

/**
 * infra/grafana/metrica-relay.json is built on metrics the relay really exports: after some traffic (a webhook
 * Metrica takes, one it rejects, one that is ignored, an uploads listing) every metric a panel queries is in
 * /q/metrics, and every relay_* metric the relay exports is on some panel.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
class GrafanaDashboardTest {

    static final Path DASHBOARD = Path.of("infra/grafana/metrica-relay.json");
    static final Pattern SELECTOR = Pattern.compile("([A-Za-z_:][A-Za-z0-9_:]*)\\{");
    static final String UPLOAD = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions/upload";

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Test
    void everyMetricTheDashboardQueriesExistsAfterSomeTraffic() throws Exception {
        MetricaStandIn.reset(metrica);
        CircuitBreakerMaintenance.get().resetAll();
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).withRequestBody(containing("1674202831464027743")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(5L))));
        metrica.stubFor(post(urlPathEqualTo(UPLOAD)).withRequestBody(containing("1674202831464027799")).willReturn(aResponse()
                .withStatus(400).withBody("{\"errors\":[{\"error_type\":\"invalid_uploading\",\"message\":\"bad\"}],\"code\":400}")));
        for (String clientId : List.of("1674202831464027743", "1674202831464027799", "not-a-client-id")) {
            given().header("X-Relay-Secret", "relay-test-secret-A1").contentType("application/json")
                    .body("{\"output\":\"CONVERSION\",\"deal_id\":\"g-" + clientId + "\",\"client_id\":\"" + clientId + "\",\"updated_at\":1748600000}")
                    .post("/hooks/generic");
        }
        given().header("X-Relay-Secret", "relay-test-secret-A1").get("/admin/uploads").then().statusCode(200);

        Set<String> exported = new TreeSet<>();
        for (String line : given().get("/q/metrics").then().statusCode(200).extract().asString().split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                exported.add(line.split("[{ ]", 2)[0]);
            }
        }
        Set<String> queried = queried();
        assertTrue(queried.size() >= 10, "read only " + queried);
        Set<String> missing = new TreeSet<>(queried);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "the dashboard queries metrics /q/metrics does not have");

        Set<String> unshown = new TreeSet<>();
        exported.stream().filter(m -> m.startsWith("relay_")).map(m -> m.replaceAll("_(total|created)$", "_total"))
                .filter(m -> !queried.contains(m)).forEach(unshown::add);
        assertEquals(Set.of(), unshown, "relay metrics no panel shows");
    }

    static Set<String> queried() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(panel.path("datasource").path("uid").asText().equals("${datasource}"), panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SELECTOR.matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
