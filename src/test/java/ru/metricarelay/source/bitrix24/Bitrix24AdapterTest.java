package ru.metricarelay.source.bitrix24;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.routing.Router;
import ru.metricarelay.source.FormBody;
import ru.metricarelay.support.TestConfigs;

/** The Bitrix24 rules that need no portal over HTTP: event form, deal mapping, tokens, missing rest-url, a given portal client. */
class Bitrix24AdapterTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final String SAMPLE_TOKEN = "51856fefc120afa4b628cc82d3935cce";

    static String sampleForm() throws IOException {
        return resource("/payloads/bitrix24/oncrmdealadd_app_event_handler_docs.form");
    }

    static JsonNode sampleDeal() throws IOException {
        return JSON.readTree(resource("/payloads/bitrix24/crm_deal_get_response_with_ym_clientid_RECONSTRUCTED.json")).get("result");
    }

    static String resource(String path) throws IOException {
        try (var in = Bitrix24AdapterTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static InboundRequest request(String form) {
        return new InboundRequest("bitrix24", "POST", Map.of(), InboundRequest.BodyKind.FORM, FormBody.parse(form, 5000),
                JSON.createObjectNode(), form.getBytes(StandardCharsets.UTF_8), Instant.parse("2025-06-01T09:00:00Z"));
    }

    static Bitrix24Adapter adapter(TestBitrix24Config config) {
        return new Bitrix24Adapter(config, new TestConfigs.Metrica(Optional.empty(), Optional.empty()),
                TestConfigs.Relay.defaults());
    }

    static ObjectNodeBuilder deal() {
        return new ObjectNodeBuilder();
    }

    /** A small crm.deal.get result, field by field in the order given. */
    static final class ObjectNodeBuilder {
        final com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();

        ObjectNodeBuilder with(String field, String value) {
            node.put(field, value);
            return this;
        }
    }

    // ---- the event form ----

    @Test
    void theDocsSampleNamesDeal6641OfItsPortal() throws IOException {
        Notice notice = Notice.read(FormBody.parse(sampleForm(), 5000));
        assertEquals("ONCRMDEALADD", notice.event());
        assertEquals(CrmEntity.DEAL, notice.entity());
        assertEquals("6641", notice.id());
        assertEquals("some-domain.bitrix24.com", notice.domain());
        assertEquals("https://some-domain.bitrix24.com/rest/", notice.clientEndpoint());
        assertEquals(SAMPLE_TOKEN, notice.applicationToken());
    }

    @Test
    void eventNamesAreReadCaseInsensitivelyAndLeadsAreLeads() {
        Notice notice = Notice.read(FormBody.parse("event=onCrmLeadAdd&data[FIELDS][ID]=007", 50));
        assertEquals(CrmEntity.LEAD, notice.entity());
        assertEquals("7", notice.id());
    }

    @Test
    void aRobotCallNamesItsDocument() {
        Notice notice = Notice.read(FormBody.parse("document_id[0]=crm&document_id[1]=CCrmDocumentLead&document_id[2]=LEAD_15", 50));
        assertEquals("ROBOT", notice.event());
        assertEquals(CrmEntity.LEAD, notice.entity());
        assertEquals("15", notice.id());
    }

    @Test
    void aBodyWithoutEventOrIdIs422NamingTheField() {
        RelayProblem noEvent = assertThrows(RelayProblem.class, () -> Notice.read(FormBody.parse("data[FIELDS][ID]=5", 50)));
        assertEquals(422, noEvent.status());
        assertTrue(noEvent.toProblem(null).field().equals("event"));
        RelayProblem noId = assertThrows(RelayProblem.class, () -> Notice.read(FormBody.parse("event=ONCRMDEALUPDATE", 50)));
        assertEquals("data[FIELDS][ID]", noId.toProblem(null).field());
        RelayProblem badId = assertThrows(RelayProblem.class,
                () -> Notice.read(FormBody.parse("event=ONCRMDEALUPDATE&data[FIELDS][ID]=5%26x%3D1", 50)));
        assertEquals("data[FIELDS][ID]", badId.toProblem(null).field());
    }

    // ---- deal → event ----

    @Test
    void theWonSampleDealIsPaidWithExactMoneyAndOffsetDates() throws IOException {
        DealEvent e = RecordMapper.event("bitrix24", "some-domain.bitrix24.com", CrmEntity.DEAL, "410", sampleDeal(), null,
                "UF_CRM_1739432591418", MOSCOW);
        assertEquals("bitrix24:some-domain.bitrix24.com:410", e.eventId());
        assertEquals("S", e.status());
        assertEquals(new java.math.BigDecimal("1000000.00"), e.revenue());
        assertEquals("RUB", e.currency());
        assertEquals(Instant.parse("2024-08-30T12:29:00Z"), e.createdAt());
        assertEquals(Instant.parse("2024-09-09T09:02:00Z"), e.occurredAt());
        assertEquals("1674202831464027743", e.identity().clientId());
        assertEquals("84", e.identity().contactId());
    }

    @Test
    void stageGroupsMapToMetricaStatusesThroughTheDefaultStatusMap() {
        TestBitrix24Config settings = TestBitrix24Config.of(null, null);
        Router router = new Router();
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("S", "PAID");
        expected.put("F", "CANCELLED");
        expected.put("P", "IN_PROGRESS");
        expected.put(null, "IN_PROGRESS");
        expected.forEach((semantic, status) -> {
            var deal = deal().with("STAGE_SEMANTIC_ID", semantic).with("OPPORTUNITY", "10").with("UF_CRM_1", "1674202831464027743");
            DealEvent e = RecordMapper.event("bitrix24", "p", CrmEntity.DEAL, "1", deal.node, null, null, MOSCOW);
            var routed = router.route(List.<SourceItem>of(e), settings).get(0);
            assertEquals(status, routed.orderStatus(), "stage group " + semantic);
            assertEquals(status.equals("PAID") ? new java.math.BigDecimal("10") : null, routed.revenue(), "revenue for " + semantic);
        });
        var lead = deal().with("STATUS_SEMANTIC_ID", "s").with("UF_CRM_1", "1674202831464027743");
        DealEvent converted = RecordMapper.event("bitrix24", "p", CrmEntity.LEAD, "1", lead.node, null, null, MOSCOW);
        assertEquals("LEAD_S", converted.status());
        assertEquals("bitrix24:p:lead:1", converted.eventId());
        assertEquals("IN_PROGRESS", router.route(List.<SourceItem>of(converted), settings).get(0).orderStatus());
    }

    @Test
    void theConfiguredFieldWinsOverAnEarlierValidUfField() {
        var deal = deal().with("UF_CRM_1", "1700000000123456789").with("UF_CRM_YM", "1674202831464027743");
        assertEquals("1674202831464027743", RecordMapper.clientId(deal.node, "UF_CRM_YM"));
        assertEquals("1700000000123456789", RecordMapper.clientId(deal.node, null));
    }

    @Test
    void withoutAValidConfiguredValueTheFirstValidUfCrmFieldIsTheClientId() {
        var deal = deal().with("ORIGIN_ID", "1699999999999999999").with("UF_CRM_YM", "A-1029").with("UF_CRM_1", "12345")
                .with("UF_CRM_2", "18446744073709551616").with("UF_CRM_3", "null").with("UF_CRM_4", " 1674202831464027743 ")
                .with("UF_CRM_5", "1700000000123456789");
        assertEquals("1674202831464027743", RecordMapper.clientId(deal.node, "UF_CRM_YM"));
        assertNull(RecordMapper.clientId(deal().with("ORIGIN_ID", "1699999999999999999").node, null),
                "only UF_CRM_* fields are searched");
    }

    @Test
    void aMultipleConfiguredFieldGivesItsFirstValidValue() throws IOException {
        JsonNode deal = JSON.readTree("{\"UF_CRM_YM\":[\"\",\"1674202831464027743\"]}");
        assertEquals("1674202831464027743", RecordMapper.clientId(deal, "UF_CRM_YM"));
    }

    @Test
    void phonesAndEmailsComeFromTheLeadAndTheContact() throws IOException {
        JsonNode lead = JSON.readTree("{\"PHONE\":[{\"VALUE\":\"+7 (999) 000-11-22\"}],\"EMAIL\":[{\"VALUE\":\"junk\"}],\"CONTACT_ID\":\"0\"}");
        JsonNode contact = JSON.readTree("{\"EMAIL\":[{\"VALUE\":\"Client@Example.com\",\"VALUE_TYPE\":\"WORK\"}]}");
        DealEvent e = RecordMapper.event("bitrix24", "p", CrmEntity.LEAD, "1", lead, contact, null, MOSCOW);
        assertEquals(List.of("79990001122"), e.identity().phones());
        assertEquals(List.of("client@example.com"), e.identity().emails());
        assertNull(e.identity().contactId(), "CONTACT_ID 0 is no contact");
    }

    @Test
    void badMoneyOrDatesAre422NamingThePortalField() {
        RelayProblem money = assertThrows(RelayProblem.class, () -> RecordMapper.event("bitrix24", "p", CrmEntity.DEAL, "1",
                deal().with("OPPORTUNITY", "-5").node, null, null, MOSCOW));
        assertEquals("crm.deal.get result.OPPORTUNITY", money.toProblem(null).field());
        RelayProblem date = assertThrows(RelayProblem.class, () -> RecordMapper.event("bitrix24", "p", CrmEntity.DEAL, "1",
                deal().with("DATE_CREATE", "yesterday").node, null, null, MOSCOW));
        assertEquals("crm.deal.get result.DATE_CREATE", date.toProblem(null).field());
    }

    // ---- configuration ----

    @Test
    void withoutRestUrlADealEventIsAClear422() throws IOException {
        Bitrix24Adapter adapter = adapter(TestBitrix24Config.of(null, "some-domain.bitrix24.com", SAMPLE_TOKEN));
        InboundRequest request = request(sampleForm());
        adapter.authenticate(request);
        RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.read(request).await().indefinitely());
        assertEquals(422, problem.status());
        assertEquals("relay.sources.bitrix24.rest-url", problem.toProblem(null).field());
        assertTrue(problem.getMessage().startsWith("relay.sources.bitrix24.rest-url is not set"), problem.getMessage());
    }

    @Test
    void anUnusableRestUrlIsA422ThatDoesNotRepeatTheUrl() throws IOException {
        Bitrix24Adapter adapter = adapter(TestBitrix24Config.of("some-domain.bitrix24.com/rest/1/s3cr3tc0de/", null));
        RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.read(request(sampleForm())).await().indefinitely());
        assertEquals(422, problem.status());
        assertFalse(problem.getMessage().contains("s3cr3tc0de"), problem.getMessage());
    }

    @Test
    void aGivenPortalClientAnswersTheAdaptersOwnPortalCalls() throws IOException {
        String deal = resource("/payloads/bitrix24/crm_deal_get_response_with_ym_clientid_RECONSTRUCTED.json");
        List<String> calls = new ArrayList<>();
        PortalClient portal = new PortalClient() {
            public Uni<String> deal(String id) {
                calls.add("crm.deal.get " + id);
                return Uni.createFrom().item(deal);
            }

            public Uni<String> lead(String id) {
                calls.add("crm.lead.get " + id);
                return Uni.createFrom().item(deal);
            }

            public Uni<String> contact(String id) { // as Bitrix24 answers an unknown id: the event goes on without it
                calls.add("crm.contact.get " + id);
                return Uni.createFrom().failure(new PortalFailure.HttpError(400, "{\"error\":\"\",\"error_description\":\"Not found\"}"));
            }
        };
        Bitrix24Adapter adapter = new Bitrix24Adapter(TestBitrix24Config.of("https://Some-Domain.bitrix24.com/rest/1/c0de/", null,
                SAMPLE_TOKEN), new TestConfigs.Metrica(Optional.empty(), Optional.empty()), TestConfigs.Relay.defaults(), portal);
        InboundRequest request = request(sampleForm());
        adapter.authenticate(request); // the form's auth[domain] and auth[client_endpoint] are rest-url's host
        DealEvent event = assertInstanceOf(DealEvent.class, adapter.read(request).await().indefinitely().get(0));
        assertEquals(List.of("crm.deal.get 6641", "crm.contact.get 84"), calls);
        assertEquals("bitrix24:some-domain.bitrix24.com:6641", event.eventId());
        assertEquals("1674202831464027743", event.identity().clientId());
        assertEquals(List.of(), event.identity().phones());
    }

    @Test
    void eventsTheRelayDoesNotRelayAreSkippedWithoutAPortal() {
        Bitrix24Adapter adapter = adapter(TestBitrix24Config.of(null, "Some-Domain.Bitrix24.com"));
        List<SourceItem> items = adapter.read(request("event=ONCRMCONTACTUPDATE&data[FIELDS][ID]=84")).await().indefinitely();
        Skipped skipped = assertInstanceOf(Skipped.class, items.get(0));
        assertEquals("bitrix24:some-domain.bitrix24.com:ONCRMCONTACTUPDATE:84", skipped.eventId());
        assertEquals("unsupported_event:ONCRMCONTACTUPDATE", skipped.reason());
    }

    @Test
    void anyOfSeveralApplicationTokensIsAccepted() {
        Bitrix24Adapter adapter = adapter(TestBitrix24Config.of(null, null, "old-token", SAMPLE_TOKEN));
        assertDoesNotThrow(() -> adapter.authenticate(request("event=ONCRMDEALUPDATE&auth[application_token]=" + SAMPLE_TOKEN)));
        assertDoesNotThrow(() -> adapter.authenticate(request("event=ONCRMDEALUPDATE&auth[application_token]=old-token")));
        RelayProblem wrong = assertThrows(RelayProblem.class,
                () -> adapter.authenticate(request("event=ONCRMDEALUPDATE&auth[application_token]=old-tokeN")));
        assertEquals(401, wrong.status());
    }

    @Test
    void portalHostsCompareWithoutCasePortOrTrailingDot() {
        assertEquals("some-domain.bitrix24.com", Bitrix24Adapter.host("Some-Domain.Bitrix24.com."));
        assertEquals("crm.example.ru", Bitrix24Adapter.host("crm.example.ru:8443"));
        assertEquals("crm.example.ru", Bitrix24Adapter.host("https://CRM.example.ru/rest/"));
        assertNull(Bitrix24Adapter.host("http://[bad"));
        Bitrix24Adapter adapter = adapter(TestBitrix24Config.of(null, "some-domain.bitrix24.com"));
        assertDoesNotThrow(() -> adapter.authenticate(request(
                "auth[domain]=SOME-DOMAIN.bitrix24.com&auth[client_endpoint]=https://some-domain.bitrix24.com/rest/")));
        assertEquals(401, assertThrows(RelayProblem.class, () -> adapter.authenticate(request(
                "auth[client_endpoint]=https://some-domain.bitrix24.com.evil.ru/rest/"))).status());
        assertEquals(401, assertThrows(RelayProblem.class, () -> adapter.authenticate(request(
                "auth[client_endpoint]=https://evil.ru\\@some-domain.bitrix24.com/rest/"))).status());
    }
}
