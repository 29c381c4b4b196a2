package ru.metricarelay.source.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.RawHttp;
import ru.metricarelay.support.VendorApiStandIn;

/**
 * The Bitrix24 source over HTTP in dry-run, against the portal stand-in: the SSRF guard, the
 * application token, and how portal failures are answered and logged (Bitrix24 never resends).
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class Bitrix24HttpTest {

    static final String TOKEN = "51856fefc120afa4b628cc82d3935cce";
    static final String DEAL = VendorApiStandIn.BITRIX24_WEBHOOK + "crm.deal.get.json";
    static final String CONTACT = VendorApiStandIn.BITRIX24_WEBHOOK + "crm.contact.get.json";
    static final ObjectMapper JSON = new ObjectMapper();

    @VendorApiStandIn.Server
    WireMockServer portal;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @BeforeEach
    void reset() {
        VendorApiStandIn.reset(portal);
    }

    @AfterAll
    static void theWebhookCodeIsNeverLogged() {
        String code = VendorApiStandIn.BITRIX24_WEBHOOK.split("/")[3];
        for (String line : Leaks.lines()) {
            assertFalse(line.contains(code), "a log line shows the incoming webhook's code: " + line);
        }
    }

    static String form(String event, String id, String domain, String endpoint, String token) {
        StringBuilder s = new StringBuilder("event=" + event + "&data%5BFIELDS%5D%5BID%5D=" + id + "&ts=1735374081");
        if (domain != null) {
            s.append("&auth%5Bdomain%5D=").append(domain);
        }
        if (endpoint != null) {
            s.append("&auth%5Bclient_endpoint%5D=").append(java.net.URLEncoder.encode(endpoint, StandardCharsets.UTF_8));
        }
        if (token != null) {
            s.append("&auth%5Bapplication_token%5D=").append(token);
        }
        return s.toString();
    }

    static String deal(String id, String extra) {
        return "{\"result\":{\"ID\":\"" + id + "\",\"STAGE_SEMANTIC_ID\":\"S\",\"OPPORTUNITY\":\"100.00\",\"CURRENCY_ID\":\"RUB\","
                + "\"DATE_CREATE\":\"2025-05-30T09:00:00+03:00\",\"DATE_MODIFY\":\"2025-05-30T12:00:00+03:00\"" + extra + "}}";
    }

    RawHttp.Answer post(String body) {
        return RawHttp.send(root.toString(), "POST", "/hooks/bitrix24",
                Map.of("X-Relay-Secret", "relay-test-secret-A1", "Content-Type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static JsonNode json(RawHttp.Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    void stubDeal(String id, int status, String body) {
        portal.stubFor(get(urlPathEqualTo(DEAL)).withQueryParam("id", com.github.tomakehurst.wiremock.client.WireMock.equalTo(id))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    int dealCalls() {
        return portal.findAll(getRequestedFor(urlPathEqualTo(DEAL))).size();
    }

    // ---- SSRF: only the configured portal is ever called ----

    @Test
    void aForeignClientEndpointIsRefusedAndNothingIsCalled() throws Exception {
        stubDeal("410", 200, deal("410", ""));
        // the stand-in itself under another host name: any call the relay made would be recorded here
        String foreign = "http://localhost:" + portal.port() + "/rest/";
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", "some-domain.bitrix24.com", foreign, TOKEN));
        assertEquals(401, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("auth[client_endpoint]"), answer.body());
        assertEquals(0, portal.getAllServeEvents().size(), "the relay called a portal for a foreign webhook");
    }

    @Test
    void aForeignDomainIsRefusedAndNothingIsCalled() throws Exception {
        stubDeal("410", 200, deal("410", ""));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", "evil.bitrix24.ru", null, TOKEN));
        assertEquals(401, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("auth[domain]"), answer.body());
        assertEquals(0, portal.getAllServeEvents().size());
    }

    @Test
    void theSameHostOnAnotherPortIsAnotherPortal() throws Exception {
        stubDeal("410", 200, deal("410", ""));
        String otherPort = "http://127.0.0.1:" + (portal.port() + 1) + "/rest/";
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", null, otherPort, TOKEN));
        assertEquals(401, answer.status(), answer.body());
        assertEquals(401, post(form("ONCRMDEALUPDATE", "410", "some-domain.bitrix24.com:8443", null, TOKEN)).status());
        assertEquals(0, portal.getAllServeEvents().size());
    }

    @Test
    void aDomainSentAsAListIsRefused() throws Exception {
        stubDeal("410", 200, deal("410", ""));
        for (String list : List.of("&auth%5Bdomain%5D%5B0%5D=evil.bitrix24.ru&auth%5Bdomain%5D%5B1%5D=some-domain.bitrix24.com",
                "&auth%5Bdomain%5D%5B%5D=evil.bitrix24.ru", "&auth%5Bclient_endpoint%5D%5Bx%5D=http://evil/")) {
            RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", null, null, TOKEN) + list);
            assertEquals(401, answer.status(), list + " → " + answer.body());
            assertTrue(json(answer).path("detail").asText().contains("must be one value"), answer.body());
        }
        assertEquals(0, portal.getAllServeEvents().size());
    }

    @Test
    void theConfiguredPortalIsCalledEvenWhenTheWebhookNamesNoEndpoint() {
        stubDeal("410", 200, deal("410", ",\"UF_CRM_1739432591418\":\"1674202831464027743\""));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", null, null, TOKEN));
        assertEquals(200, answer.status(), answer.body());
        assertEquals(1, dealCalls());
    }

    // ---- auth[application_token] ----

    @Test
    void aMissingApplicationTokenIs401() throws Exception {
        stubDeal("410", 200, deal("410", ""));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", "some-domain.bitrix24.com", null, null));
        assertEquals(401, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("auth[application_token] is missing"), answer.body());
        assertEquals(0, portal.getAllServeEvents().size());
    }

    @Test
    void aWrongApplicationTokenIs401() {
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "410", "some-domain.bitrix24.com", null, TOKEN.replace('5', '6')));
        assertEquals(401, answer.status(), answer.body());
        assertFalse(answer.body().contains(TOKEN), "the answer shows the configured token");
        assertEquals(0, portal.getAllServeEvents().size());
    }

    // ---- portal failures: bounded, retried once, answered 503 and logged for replay ----

    @Test
    void aPortalOverloadIsRetriedOnceThen503AndLoggedForReplay() throws Exception {
        stubDeal("500", 503, "{\"error\":\"QUERY_LIMIT_EXCEEDED\",\"error_description\":\"Too many requests\"}");
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "500", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(503, answer.status(), answer.body());
        JsonNode problem = json(answer);
        assertEquals("tag:metrica-relay,2026:problem:source-unavailable", problem.path("type").asText());
        assertTrue(problem.path("detail").asText().contains("QUERY_LIMIT_EXCEEDED"), answer.body());
        assertEquals(2, dealCalls(), "one call and exactly one retry");
        assertTrue(Leaks.lines().stream().anyMatch(l -> l.contains("bitrix24_not_relayed") && l.contains("event=ONCRMDEALUPDATE")
                && l.contains("deal_id=500") && l.contains("domain=some-domain.bitrix24.com") && l.contains("answer=503")),
                "no replay line for deal 500: " + Leaks.lines());
    }

    @Test
    void aPortalHiccupIsRetriedAndTheDealGoes() {
        portal.stubFor(get(urlPathEqualTo(DEAL)).inScenario("hiccup").whenScenarioStateIs(STARTED).willSetStateTo("up")
                .willReturn(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")));
        portal.stubFor(get(urlPathEqualTo(DEAL)).inScenario("hiccup").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(deal("501", ",\"UF_CRM_1\":\"1674202831464027743\""))));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "501", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"action\":\"ORDER\""), answer.body());
        assertEquals(2, dealCalls());
    }

    @Test
    void aRefusedWebhookScopeIsNotRetried() throws Exception {
        stubDeal("502", 403, "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher privileges than provided by the webhook token\"}");
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "502", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(503, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("insufficient_scope"), answer.body());
        assertEquals(1, dealCalls(), "a 4xx from the portal is not retried");
    }

    @Test
    void aHangingPortalIsCutOffByTheTimeoutAndAnswered503() throws Exception {
        portal.stubFor(get(urlPathEqualTo(DEAL)).willReturn(aResponse().withStatus(200).withFixedDelay(6_000)
                .withBody(deal("503", ""))));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "503", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(503, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("no answer in time"), answer.body());
        assertTrue(dealCalls() <= 2, "more than one retry");
    }

    @Test
    void aNonJsonAnswerIs503NotACrash() throws Exception {
        stubDeal("504", 200, "<html>maintenance</html>");
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "504", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(503, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("not JSON"), answer.body());
    }

    // ---- the contact call ----

    @Test
    void aFailingContactDoesNotCostADealThatHasAClientId() {
        stubDeal("505", 200, deal("505", ",\"CONTACT_ID\":\"9\",\"UF_CRM_1739432591418\":\"1674202831464027743\""));
        portal.stubFor(get(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"INTERNAL_SERVER_ERROR\"}")));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "505", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().contains("\"client_ids\":[\"1674202831464027743\"]"), answer.body());
        assertEquals(2, portal.findAll(getRequestedFor(urlPathEqualTo(CONTACT))).size());
    }

    @Test
    void aFailingContactOfADealWithoutClientIdIs503() throws Exception {
        stubDeal("506", 200, deal("506", ",\"CONTACT_ID\":\"9\""));
        portal.stubFor(get(urlPathEqualTo(CONTACT)).willReturn(aResponse().withStatus(500).withBody("{\"error\":\"INTERNAL_SERVER_ERROR\"}")));
        RawHttp.Answer answer = post(form("ONCRMDEALUPDATE", "506", "some-domain.bitrix24.com", null, TOKEN));
        assertEquals(503, answer.status(), answer.body());
        assertTrue(json(answer).path("detail").asText().contains("crm.contact.get"), answer.body());
    }
}
