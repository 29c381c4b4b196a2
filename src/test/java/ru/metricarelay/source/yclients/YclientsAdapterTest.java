package ru.metricarelay.source.yclients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;
import ru.metricarelay.support.TestConfigs;

/** The booking rules the fixtures (shipped defaults, one payload each) cannot vary. */
class YclientsAdapterTest {

    static final String JSON = "application/json";
    static final String ARRIVED = "/payloads/yclients/record_update_arrived_RECONSTRUCTED.json";
    static final String CREATED = "/payloads/yclients/record_create_online_booking_RECONSTRUCTED.json";

    static YclientsAdapter adapter(String... keyValues) {
        return new YclientsAdapter(Sources.config(YclientsConfig.class, "relay.sources.yclients", keyValues), new TestConfigs.Metrica(Optional.empty(), Optional.empty()));
    }

    static List<SourceItem> read(YclientsAdapter adapter, String body) {
        return Sources.read(adapter, Sources.request("yclients", JSON, body));
    }

    static DealEvent record(YclientsAdapter adapter, String data) {
        return record(adapter, "update", data);
    }

    static DealEvent record(YclientsAdapter adapter, String status, String data) {
        List<SourceItem> items = read(adapter, "{\"company_id\":4564,\"resource\":\"record\",\"resource_id\":77,\"status\":\""
                + status + "\",\"data\":" + data + "}");
        assertEquals(1, items.size());
        return (DealEvent) items.get(0);
    }

    /** The shipped status map: what each attendance becomes in Metrica. */
    static String metricaStatus(DealEvent event) {
        Map<String, String> map = adapter().settings().statusMap();
        return map.getOrDefault(event.status(), adapter().settings().defaultStatus());
    }

    @Test
    void eachAttendanceBecomesItsShippedMetricaStatus() {
        Map<String, String> expected = Map.of("1", "PAID", "-1", "CANCELLED", "0", "IN_PROGRESS", "2", "IN_PROGRESS", "7", "IN_PROGRESS");
        expected.forEach((attendance, status) -> assertEquals(status,
                metricaStatus(record(adapter(), "{\"attendance\":" + attendance + "}")), "attendance " + attendance));
        assertEquals("attendance_7", record(adapter(), "{\"attendance\":7}").status(), "an unknown value stays visible");
        assertEquals("arrived", record(adapter(), "{\"visit_attendance\":1}").status(), "visit_attendance when attendance is absent");
        assertEquals("no_show", record(adapter(), "{\"attendance\":-1,\"visit_attendance\":1}").status(), "attendance wins");
        assertNull(record(adapter(), "{}").status(), "no attendance: default-status");
    }

    @Test
    void aDeletedRecordIsCancelledWhateverItsAttendance() {
        assertEquals("CANCELLED", metricaStatus(record(adapter(), "delete", "{\"attendance\":1}")));
        assertEquals("CANCELLED", metricaStatus(record(adapter(), "update", "{\"attendance\":2,\"deleted\":true}")));
        assertEquals("IN_PROGRESS", metricaStatus(record(adapter(), "update", "{\"attendance\":2,\"deleted\":false}")));
    }

    @Test
    void theArrivedSampleIsPaidWithItsServicesCost() {
        DealEvent event = (DealEvent) read(adapter(), Sources.resource(ARRIVED)).get(0);
        assertEquals("yclients:4564:596792978", event.eventId());
        assertEquals("PAID", metricaStatus(event));
        assertEquals(0, new BigDecimal("2500").compareTo(event.revenue()));
        DealEvent created = (DealEvent) read(adapter(), Sources.resource(CREATED)).get(0);
        assertEquals("IN_PROGRESS", metricaStatus(created), "a new booking is in progress");
    }

    @Test
    void revenueIsTheSumOfCostToPayAndAServiceWithoutItCountsItsCost() {
        String services = "{\"services\":[{\"cost\":1800,\"cost_to_pay\":1500},{\"cost\":\"1000.50\"},{\"id\":3},\"x\"]}";
        assertEquals(new BigDecimal("2500.50"), record(adapter(), services).revenue());
        assertNull(record(adapter(), "{\"services\":[{\"cost_to_pay\":0}]}").revenue(), "nothing to pay is no revenue");
        assertNull(record(adapter(), "{\"services\":[]}").revenue());
        RelayProblem negative = assertThrows(RelayProblem.class, () -> record(adapter(), "{\"services\":[{\"cost_to_pay\":5},{\"cost_to_pay\":-1}]}"));
        assertEquals(422, negative.status());
        assertEquals("data.services[1].cost_to_pay", negative.toProblem(null).field());
    }

    /** create_date and last_change_date come as "+0300", datetime as "+03:00" (the API's own samples): both are read. */
    @Test
    void bothOffsetFormsAreReadAndALocalTimeIsInTheCounterZone() {
        Instant expected = Instant.parse("2025-05-29T09:26:40Z");
        assertEquals(expected, record(adapter(), "{\"create_date\":\"2025-05-29T12:26:40+0300\"}").createdAt());
        assertEquals(expected, record(adapter(), "{\"create_date\":\"2025-05-29T12:26:40+03:00\"}").createdAt());
        assertEquals(expected, record(adapter(), "{\"create_date\":\"2025-05-29T14:26:40.000+0500\"}").createdAt());
        assertEquals(expected, record(adapter(), "{\"create_date\":\"2025-05-29 12:26:40\"}").createdAt(), "Moscow, the counter's zone");
        assertEquals(Instant.parse("2025-05-29T08:26:40Z"),
                record(adapter("time-zone", "Europe/Samara"), "{\"create_date\":\"2025-05-29 12:26:40\"}").createdAt());
        assertEquals(Instant.parse("2025-05-29T15:26:40Z"), record(adapter(), "{\"last_change_date\":\"2025-05-29T12:26:40-0300\"}").occurredAt());
        RelayProblem bad = assertThrows(RelayProblem.class, () -> record(adapter(), "{\"create_date\":\"2025-13-29T12:26:40+0300\"}"));
        assertEquals("data.create_date", bad.toProblem(null).field());
    }

    @Test
    void theClientIdComesFromACustomFieldNamedLikeOneOrTheBookingUrl() {
        String valid = "1674202831464027743";
        assertEquals(valid, record(adapter(), "{\"custom_fields\":{\"metrika_client_id\":\"" + valid + "\"}}").identity().clientId());
        assertEquals(valid, record(adapter(), "{\"custom_fields\":[{\"code\":\"YM_UID\",\"value\":\"" + valid + "\"}]}").identity().clientId());
        assertEquals(valid, record(adapter(), "{\"client\":{\"custom_fields\":{\"_ym_uid\":[\"" + valid + "\"]}}}").identity().clientId());
        assertEquals(valid, record(adapter(), "{\"from_url\":\"https://s.ru/b#/?_ym_uid=" + valid + "&x=1\"}").identity().clientId());
        // an order number in _ym_uid is not a ClientId; the URL's valid one is used instead
        assertEquals(valid, record(adapter(), "{\"custom_fields\":{\"_ym_uid\":\"87856\"},\"from_url\":\"https://s.ru/?ym_uid=" + valid + "\"}")
                .identity().clientId());
        // the record's own field wins over the booking URL
        assertEquals(valid, record(adapter(), "{\"custom_fields\":{\"_ym_uid\":\"" + valid + "\"},\"from_url\":\"https://s.ru/?_ym_uid=1700000000123456789\"}")
                .identity().clientId());
        assertNull(record(adapter(), "{\"custom_fields\":{\"visitor\":\"" + valid + "\"}}").identity().clientId());
        assertEquals(valid, record(adapter("client-id-fields", "visitor"), "{\"custom_fields\":{\"visitor\":\"" + valid + "\"}}").identity().clientId());
        assertEquals("3851790612345678911", record(adapter(), "{\"custom_fields\":{\"yclid\":\"3851790612345678911\"}}").identity().yclid());
    }

    @Test
    void theClientIsTheContact() {
        DealEvent event = record(adapter(), "{\"client\":{\"id\":5,\"phone\":\"8 (999) 000-11-22\",\"email\":\"A@B.ru\"}}");
        assertEquals("5", event.identity().contactId());
        assertEquals(List.of("79990001122"), event.identity().phones());
        assertEquals(List.of("a@b.ru"), event.identity().emails());
        assertNull(record(adapter(), "{\"client\":null}").identity().contactId(), "a record without a client");
    }

    @Test
    void otherResourcesAreSkippedWithTheirNameAsTheReason() {
        for (String resource : List.of("client", "service", "staff", "company", "goods_operations_sale", "finances_operation")) {
            List<SourceItem> items = read(adapter(), "{\"company_id\":4564,\"resource\":\"" + resource + "\",\"resource_id\":9,\"status\":\"create\",\"data\":{}}");
            assertEquals(List.of(new Skipped("yclients:4564:" + resource + ":9", "yclients", "unsupported_event: " + resource + ".create")), items);
        }
    }

    @Test
    void theAccountIsTheCompanyElseTheSetting() {
        assertEquals("yclients:4564:77", record(adapter(), "{}").eventId());
        List<SourceItem> noCompany = read(adapter("account", "salon"), "{\"resource\":\"record\",\"data\":{\"id\":8}}");
        assertEquals("yclients:salon:8", noCompany.get(0).eventId(), "no company_id, no resource_id: the setting and data.id");
    }

    @Test
    void whatIsNotAYclientsWebhookIs422NamingTheField() {
        assertEquals("body", assertThrows(RelayProblem.class, () -> read(adapter(), "[{\"resource\":\"record\"}]")).toProblem(null).field());
        assertEquals("resource", assertThrows(RelayProblem.class, () -> read(adapter(), "{\"company_id\":1}")).toProblem(null).field());
        RelayProblem noId = assertThrows(RelayProblem.class, () -> read(adapter(), "{\"resource\":\"record\",\"data\":{}}"));
        assertEquals("resource_id", noId.toProblem(null).field());
        assertTrue(noId.getMessage().contains("resource_id"), noId.getMessage());
    }

    @Test
    void aBasicOffsetGetsItsColonAndNothingElseChanges() {
        assertEquals("2025-07-12T11:49:08+05:00", YclientsAdapter.extendedOffset("2025-07-12T11:49:08+0500"));
        assertEquals("2025-07-12T11:49:08.5-03:30", YclientsAdapter.extendedOffset("2025-07-12T11:49:08.5-0330"));
        for (String same : List.of("2025-07-12T11:49:08+05:00", "2025-07-12 11:49:08", "1748600000", "2025-07-12T11:49:08Z", "+0500")) {
            assertEquals(same, YclientsAdapter.extendedOffset(same));
        }
    }
}
