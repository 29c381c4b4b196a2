package ru.metricarelay.source.retailcrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.routing.Router;
import ru.metricarelay.support.Sources;
import ru.metricarelay.support.TestConfigs;

/** The RetailCRM rules the fixtures (one Quarkus boot, shipped settings) cannot vary: status families, ids, zones. */
class RetailcrmAdapterTest {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String SAMPLE = "/payloads/retailcrm/trigger_order_complete_RECONSTRUCTED.form";

    static RetailcrmAdapter adapter(String... keyValues) {
        return new RetailcrmAdapter(Sources.config(RetailcrmConfig.class, "relay.sources.retailcrm", keyValues),
                new TestConfigs.Metrica(Optional.empty(), Optional.empty()));
    }

    static DealEvent event(RetailcrmAdapter adapter, String form) {
        List<?> items = Sources.read(adapter, Sources.request("retailcrm", FORM, form));
        assertEquals(1, items.size(), "one trigger request, one order");
        return assertInstanceOf(DealEvent.class, items.get(0));
    }

    /** The event as the relay would send it: the Router's decision with the adapter's settings. */
    static Routed routed(RetailcrmAdapter adapter, String form) {
        return new Router().route(List.of(event(adapter, form)), adapter.settings()).get(0);
    }

    @Test
    void aCompletedOrderIsOnePaidOrderWithItsRevenueAndClientId() {
        RetailcrmAdapter adapter = adapter();
        Routed paid = routed(adapter, Sources.resource(SAMPLE).strip());
        assertEquals(Output.ORDER, paid.output());
        assertEquals("retailcrm:default:1093", paid.eventId());
        assertEquals("PAID", paid.orderStatus());
        assertEquals(0, new BigDecimal("15990").compareTo(paid.revenue()));
        assertEquals(new Identity("1674202831464027743", null, null, null, List.of("79990001122"), List.of("client@example.com")),
                paid.event().identity());

        Routed fresh = routed(adapter, "externalId=1093&status=new&totalSumm=15990&ym_client_id=1674202831464027743");
        assertEquals("IN_PROGRESS", fresh.orderStatus());
        assertNull(fresh.revenue(), "revenue only for PAID");
    }

    @Test
    void theCancelFamilyIsCancelledAndEveryOtherCodeInProgress() {
        RetailcrmAdapter adapter = adapter();
        for (String code : List.of("cancel-other", "cancel", "cancelled-by-shop", "canceled")) {
            assertEquals("CANCELLED", routed(adapter, "id=1&email=a@b.ru&status=" + code).orderStatus(), code);
        }
        // not of the family: a code that only contains "cancel", and RetailCRM's other default codes (the
        // issue's rule; docs/sources/retailcrm.md shows the status-map lines that make them CANCELLED)
        for (String code : List.of("new", "assembling", "send-to-delivery", "no-cancel", "no-call", "prices-did-not-suit", "Cancel-other")) {
            assertEquals("IN_PROGRESS", routed(adapter, "id=1&email=a@b.ru&status=" + code).orderStatus(), code);
        }
        assertEquals("IN_PROGRESS", routed(adapter, "id=1&email=a@b.ru").orderStatus(), "no status parameter");
    }

    @Test
    void anEntryOfItsOwnWinsOverTheFamilyAndTheLongestPrefixWins() {
        RetailcrmAdapter adapter = adapter("status-map.cancel-fraud", "SPAM", "status-prefixes", "cancel,cancel-return",
                "status-map.cancel-return", "refunded_own");
        assertEquals("cancel-fraud", adapter.family("cancel-fraud"));
        assertEquals("SPAM", routed(adapter, "id=1&email=a@b.ru&status=cancel-fraud").orderStatus());
        assertEquals("cancel-return", adapter.family("cancel-return-partial"));
        assertEquals("refunded_own", routed(adapter, "id=1&email=a@b.ru&status=cancel-return-partial").orderStatus());
        assertEquals("cancel", adapter.family("cancel-other"));
        assertNull(adapter.family(null));
    }

    @Test
    void aPrefixWithoutItsStatusMapEntryStopsStartUp() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> adapter("status-prefixes", "cancel,return"));
        assertTrue(e.getMessage().contains("relay.sources.retailcrm.status-map.return"), e.getMessage());
    }

    @Test
    void externalIdNamesTheOrderElseRetailcrmsOwnIdMarked() {
        RetailcrmAdapter adapter = adapter();
        assertEquals("retailcrm:default:1093", event(adapter, "id=4512&externalId=1093&email=a@b.ru").eventId());
        assertEquals("retailcrm:default:id:4512", event(adapter, "id=4512&externalId=&email=a@b.ru").eventId());
        assertEquals("retailcrm:shop:id:4512", event(adapter("account", "shop"), "id=4512&email=a@b.ru").eventId());
        RelayProblem none = assertThrows(RelayProblem.class, () -> event(adapter, "externalId=&id=&status=complete"));
        assertEquals(422, none.status());
        assertTrue(none.getMessage().contains("externalId"), none.getMessage());
    }

    @Test
    void createdAtIsALocalTimeOfTheAccountsZone() {
        String form = "id=1&email=a@b.ru&createdAt=2025-05-30+13%3A13%3A20";
        assertEquals(Instant.parse("2025-05-30T10:13:20Z"), event(adapter(), form).createdAt(), "unset: the counter's zone (Moscow)");
        assertEquals(Instant.parse("2025-05-30T08:13:20Z"), event(adapter("time-zone", "Asia/Yekaterinburg"), form).createdAt());
        assertNull(event(adapter(), "id=1&email=a@b.ru").occurredAt(), "the change happened when the trigger fired: receipt time");
    }

    @Test
    void jsonAndGetCarryTheSameParameters() {
        RetailcrmAdapter adapter = adapter();
        DealEvent form = event(adapter, Sources.resource(SAMPLE).strip());
        String json = "{\"id\":4512,\"externalId\":\"1093\",\"status\":\"complete\",\"totalSumm\":15990,\"currency\":\"RUB\","
                + "\"phone\":\"+7 (999) 000-11-22\",\"email\":\"Client@Example.com\",\"createdAt\":\"2025-05-30 13:13:20\","
                + "\"ym_client_id\":\"1674202831464027743\"}";
        assertEquals(form, Sources.read(adapter, Sources.request("retailcrm", "application/json", json)).get(0));
        assertEquals(form, Sources.read(adapter, Sources.get("retailcrm", Sources.resource(SAMPLE).strip())).get(0));
    }

    @Test
    void unusableValuesAre422NamingTheParameter() {
        RetailcrmAdapter adapter = adapter();
        for (String[] bad : new String[][] {{"totalSumm", "15 990 руб."}, {"currency", "рубли"}, {"createdAt", "вчера"}}) {
            RelayProblem problem = assertThrows(RelayProblem.class,
                    () -> event(adapter, "externalId=1&" + bad[0] + "=" + java.net.URLEncoder.encode(bad[1], java.nio.charset.StandardCharsets.UTF_8)));
            assertEquals(422, problem.status(), bad[0]);
            assertTrue(problem.getMessage().contains(bad[0]), problem.getMessage());
        }
        RelayProblem array = assertThrows(RelayProblem.class,
                () -> Sources.read(adapter, Sources.request("retailcrm", "application/json", "[{\"externalId\":\"1\"}]")));
        assertEquals(422, array.status());
    }

    @Test
    void aValueThatIsNoClientIdIsDroppedAndTheOrderStaysOneOfPhoneAndEmail() {
        DealEvent e = event(adapter(), "externalId=1&ym_client_id=1093A&phone=8+999+000-11-22&email=x");
        assertEquals(new Identity(null, null, null, null, List.of("79990001122"), List.of()), e.identity());
        assertEquals(List.of("ym_client_id"), adapter().clientIdFields());
    }
}
