package ru.metricarelay.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.event.Skipped;

/** Status maps, revenue rule, goals, identity requirements (SPEC §3–§4). */
class RouterTest {

    final Router router = new Router();

    record Settings(Output output, Map<String, String> statusMap, String defaultStatus, List<String> revenueStatuses,
            Map<String, List<String>> goals, String target) implements SourceSettings {
        static Settings amocrm() {
            return new Settings(Output.ORDER, Map.of("142", "PAID", "143", "CANCELLED"), "IN_PROGRESS", List.of("PAID"),
                    Map.of("PAID", List.of("deal_won")), "crm_conversion");
        }

        Settings with(Output o) {
            return new Settings(o, statusMap, defaultStatus, revenueStatuses, goals, target);
        }

        Settings withDefault(String status) {
            return new Settings(output, statusMap, status, revenueStatuses, goals, target);
        }

        @Override
        public String currency() {
            return "RUB";
        }

        @Override
        public String account() {
            return "default";
        }

        @Override
        public Optional<String> chatPlatform() {
            return Optional.empty();
        }


        public Optional<String> timeZone() {

            return Optional.empty();

        }
    }

    static DealEvent.Builder lead(String status) {
        return DealEvent.builder("amocrm", "shop", "1").status(status).revenue(new BigDecimal("45000"))
                .identity(Identity.builder().clientId("1674202831464027743").build());
    }

    Routed route(DealEvent e, SourceSettings s) {
        return router.route(List.of(e), s).get(0);
    }

    @Test
    void wonIsPaidWithRevenueAndTheStatusGoals() {
        Routed r = route(lead("142").goal(Goal.of("from_sender")).build(), Settings.amocrm());
        assertEquals(Output.ORDER, r.output());
        assertEquals("PAID", r.orderStatus());
        assertEquals(new BigDecimal("45000"), r.revenue());
        assertEquals(List.of("from_sender", "deal_won"), r.goals().stream().map(Goal::id).toList());
        assertEquals("RUB", r.currency());
    }

    @Test
    void lostIsCancelledWithoutRevenue() {
        Routed r = route(lead("143").build(), Settings.amocrm());
        assertEquals("CANCELLED", r.orderStatus());
        assertNull(r.revenue());
    }

    @Test
    void otherStatusesFallToTheDefaultOrAreIgnored() {
        assertEquals("IN_PROGRESS", route(lead("61000003").build(), Settings.amocrm()).orderStatus());
        Routed ignored = route(lead("61000003").build(), Settings.amocrm().withDefault("IGNORE"));
        assertEquals(Output.IGNORED, ignored.output());
        assertEquals("status_not_mapped", ignored.reason());
    }

    @Test
    void metricaStatusNamesPassWithoutAMap() {
        assertEquals("SPAM", route(lead("spam").build(), Settings.amocrm()).orderStatus());
    }

    @Test
    void eachOutputNeedsItsKindOfIdentity() {
        DealEvent phoneOnly = DealEvent.builder("x", "a", "1").identity(Identity.builder().phone("+79990001122").build()).build();
        assertEquals(Output.ORDER, route(phoneOnly, Settings.amocrm()).output());
        assertEquals(Output.SIMPLE_ORDER, route(phoneOnly, Settings.amocrm().with(Output.SIMPLE_ORDER)).output());
        assertEquals("no_identity", route(phoneOnly, Settings.amocrm().with(Output.CONVERSION)).reason());
        assertEquals("no_identity", route(phoneOnly, Settings.amocrm().with(Output.CALL)).reason());
        DealEvent chatWithoutUser = DealEvent.builder("x", "a", "2")
                .identity(Identity.builder().clientId("1674202831464027743").build()).chat(new Chat("telegram", null, null)).build();
        assertEquals("no_identity", route(chatWithoutUser, Settings.amocrm().with(Output.CHAT)).reason());
        DealEvent nobody = DealEvent.builder("x", "a", "3").build();
        assertEquals("no_identity", route(nobody, Settings.amocrm()).reason());
    }

    @Test
    void conversionTargetIsTheSendersGoalElseTheSourceTarget() {
        Settings conversions = Settings.amocrm().with(Output.CONVERSION);
        assertEquals("crm_conversion", route(lead(null).build(), conversions).target());
        assertEquals("form_sent", route(lead(null).goal(Goal.of("form_sent")).build(), conversions).target());
    }

    @Test
    void theEventsOwnOutputWinsAndSkippedEntriesKeepTheirReason() {
        assertEquals(Output.CONTACT, route(lead("142").output(Output.CONTACT).build(), Settings.amocrm()).output());
        Routed skipped = router.route(List.of(new Skipped("tilda:default:test", "tilda", "test_ping")), Settings.amocrm()).get(0);
        assertEquals(Output.IGNORED, skipped.output());
        assertEquals("test_ping", skipped.reason());
    }

    @Test
    void metricasLimitsAre422NamingTheField() {
        DealEvent.Builder many = lead("142");
        for (int i = 0; i < 100; i++) {
            many.goal(Goal.of("g" + i));
        }
        // 100 from the sender + deal_won from the status map = 101
        var tooMany = org.junit.jupiter.api.Assertions.assertThrows(ru.metricarelay.answer.RelayProblem.class,
                () -> route(many.build(), Settings.amocrm()));
        assertEquals(422, tooMany.status());
        var longId = org.junit.jupiter.api.Assertions.assertThrows(ru.metricarelay.answer.RelayProblem.class,
                () -> route(DealEvent.builder("amocrm", "shop", "x".repeat(300))
                        .identity(Identity.builder().clientId("1674202831464027743").build()).build(), Settings.amocrm()));
        assertEquals("id", longId.toProblem(null).field());
    }
}
