package ru.metricarelay.source.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaStandIn;
import ru.metricarelay.support.RawHttp;
import ru.metricarelay.support.VendorApiStandIn;

/**
 * A Bitrix24 deal sent for real: portal stand-in → relay → Metrica stand-in (with Metrica's own
 * checks). Bitrix24 never resends, so when Metrica stays down the masked replay line must name the
 * deal and the source.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
@ExtendWith(Leaks.class)
class Bitrix24LiveTest {

    static final String CONTACTS = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/data/contacts/json";
    static final String ORDERS = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/data/orders/json";
    static final String WEBHOOK = "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=410&ts=1725872520"
            + "&auth%5Bdomain%5D=some-domain.bitrix24.com&auth%5Bapplication_token%5D=51856fefc120afa4b628cc82d3935cce";

    @MetricaStandIn.Server
    WireMockServer metrica;

    @VendorApiStandIn.Server
    WireMockServer portal;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @BeforeEach
    void reset() throws Exception {
        MetricaStandIn.reset(metrica);
        VendorApiStandIn.reset(portal);
        CircuitBreakerMaintenance.get().resetAll();
        String deal = new String(getClass().getResourceAsStream(
                "/payloads/bitrix24/crm_deal_get_response_with_ym_clientid_RECONSTRUCTED.json").readAllBytes(), StandardCharsets.UTF_8);
        portal.stubFor(get(urlPathEqualTo(VendorApiStandIn.BITRIX24_WEBHOOK + "crm.deal.get.json")).withQueryParam("id", equalTo("410"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(deal)));
        portal.stubFor(get(urlPathEqualTo(VendorApiStandIn.BITRIX24_WEBHOOK + "crm.contact.get.json")).withQueryParam("id", equalTo("84"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":{\"ID\":\"84\",\"PHONE\":[{\"VALUE\":\"+79990001122\",\"VALUE_TYPE\":\"WORK\"}]}}")));
    }

    RawHttp.Answer postWebhook() {
        return RawHttp.send(root.toString(), "POST", "/hooks/bitrix24/relay-test-secret-B2",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), WEBHOOK.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWonDealBecomesAContactAndAPaidOrderInMetrica() throws Exception {
        metrica.stubFor(post(urlPathEqualTo(CONTACTS)).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded("c-1"))));
        metrica.stubFor(post(urlPathEqualTo(ORDERS)).willReturn(aResponse().withStatus(200).withBody(MetricaStandIn.uploaded("o-1"))));

        RawHttp.Answer answer = postWebhook();
        assertEquals(200, answer.status(), answer.body());
        JsonNode result = new ObjectMapper().readTree(answer.body()).path("results").get(0);
        assertEquals("bitrix24:some-domain.bitrix24.com:410", result.path("event_id").asText());
        assertEquals("o-1", result.path("uploading_id").asText());

        JsonNode order = new ObjectMapper().readTree(metrica.findAll(postRequestedFor(urlPathEqualTo(ORDERS))).get(0).getBodyAsString())
                .path("orders").get(0);
        assertEquals("PAID", order.path("order_status").asText());
        assertEquals(0, order.path("revenue").decimalValue().compareTo(new java.math.BigDecimal("1000000")));
        JsonNode contact = new ObjectMapper().readTree(metrica.findAll(postRequestedFor(urlPathEqualTo(CONTACTS))).get(0)
                .getBodyAsString()).path("contacts").get(0);
        assertEquals("1674202831464027743", contact.path("client_ids").get(0).asText());
        assertEquals("79990001122", contact.path("phones").get(0).asText(), "Metrica gets the phone in full");
    }

    @Test
    void whenMetricaStaysDownTheAnswerIs503AndTheReplayLineNamesTheDealAndTheSource() throws Exception {
        metrica.stubFor(post(urlPathEqualTo(CONTACTS)).willReturn(aResponse().withStatus(503)
                .withBody("{\"errors\":[{\"error_type\":\"backend_error\",\"message\":\"try later\"}],\"code\":503}")));

        RawHttp.Answer answer = postWebhook();
        assertEquals(503, answer.status(), answer.body());
        assertEquals("tag:metrica-relay,2026:problem:metrica-unavailable",
                new ObjectMapper().readTree(answer.body()).path("type").asText());
        assertTrue(Leaks.lines().stream().anyMatch(l -> l.contains("metrica_failed")
                        && l.contains("event_id=bitrix24:some-domain.bitrix24.com:410") && l.contains("source=bitrix24")
                        && l.contains("client_id=1674202831464027743") && l.contains("phones=7999***1122")),
                "no masked replay line for deal 410: " + Leaks.lines());
    }
}
