package ru.metricarelay.source.amocrm;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static ru.metricarelay.source.amocrm.Amocrm.adapter;
import static ru.metricarelay.source.amocrm.Amocrm.read;
import static ru.metricarelay.source.amocrm.Amocrm.request;
import static ru.metricarelay.source.amocrm.Amocrm.sample;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;

/** Settings the fixtures (one Quarkus boot, shipped defaults) cannot vary: allow-lists, switches, field lists. */
class AmocrmAdapterTest {

    static final String WON_LEAD = "account%5Bsubdomain%5D=exampleshop&account%5Bid%5D=31234567"
            + "&leads%5Bstatus%5D%5B0%5D%5Bid%5D=41000001&leads%5Bstatus%5D%5B0%5D%5Bstatus_id%5D=142";

    @Test
    void unencodedBodyReadsExactlyLikeTheEncodedOne() {
        AmocrmAdapter adapter = adapter();
        List<SourceItem> encoded = read(adapter, sample(Amocrm.WON));
        assertEquals(encoded, read(adapter, sample(Amocrm.WON_UNENCODED)));
        DealEvent lead = (DealEvent) encoded.get(0);
        assertEquals("1674202831464027743", lead.identity().clientId());
        assertEquals("3851790612345678911", lead.identity().yclid());
    }

    @Test
    void localDatesAreReadInTheSourcesOwnTimeZone() {
        String body = sample(Amocrm.WON).replace("last_modified%5D=1748600000", "last_modified%5D=2025-05-30+13%3A13%3A20");
        DealEvent counterZone = (DealEvent) read(adapter(), body).get(0); // METRICA_TIMEZONE defaults to Europe/Moscow
        DealEvent ownZone = (DealEvent) read(adapter("time-zone", "Asia/Yekaterinburg"), body).get(0);
        assertEquals(Instant.parse("2025-05-30T10:13:20Z"), counterZone.occurredAt());
        assertEquals(Instant.parse("2025-05-30T08:13:20Z"), ownZone.occurredAt());
    }

    @Test
    void foreignSubdomainIsRefusedWith401() {
        AmocrmAdapter adapter = adapter("allowed-subdomains", "myshop");
        RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.authenticate(request(sample(Amocrm.WON))));
        assertEquals(401, problem.status());
        assertFalse(problem.getMessage().contains("exampleshop"), "the request's account is not echoed back");
    }

    @Test
    void allowedSubdomainPassesHoweverItIsWritten() {
        for (String allowed : List.of("exampleshop", "ExampleShop", "exampleshop.amocrm.ru", "https://exampleshop.kommo.com", "other,exampleshop")) {
            assertDoesNotThrow(() -> adapter("allowed-subdomains", allowed).authenticate(request(sample(Amocrm.WON))), allowed);
        }
    }

    @Test
    void accountIdAllowList() {
        assertDoesNotThrow(() -> adapter("allowed-account-ids", "31234567").authenticate(request(sample(Amocrm.WON))));
        assertEquals(401, assertThrows(RelayProblem.class,
                () -> adapter("allowed-account-ids", "99999999").authenticate(request(sample(Amocrm.WON)))).status());
        // a 2016 body names no account[id]: nothing proves it is the allowed account
        assertEquals(401, assertThrows(RelayProblem.class,
                () -> adapter("allowed-account-ids", "10216991").authenticate(request(sample(Amocrm.ADD_2016)))).status());
    }

    @Test
    void anAllowedSubdomainWithAForeignIdIsRefused() {
        AmocrmAdapter adapter = adapter("allowed-subdomains", "exampleshop", "allowed-account-ids", "11111111");
        assertEquals(401, assertThrows(RelayProblem.class, () -> adapter.authenticate(request(WON_LEAD))).status());
        // both lists set, the 2016 body has only the subdomain: the subdomain decides
        assertDoesNotThrow(() -> adapter("allowed-subdomains", "test000002", "allowed-account-ids", "11111111")
                .authenticate(request(sample(Amocrm.ADD_2016))));
    }

    @Test
    void withoutAllowListsAnyAccountPasses() {
        assertDoesNotThrow(() -> adapter().authenticate(request("")));
        assertDoesNotThrow(() -> adapter().authenticate(request(sample(Amocrm.CONTACTS))));
    }

    @Test
    void anEmptyBodyIsRefusedOnceAnAccountIsExpected() {
        assertEquals(401, assertThrows(RelayProblem.class,
                () -> adapter("allowed-subdomains", "exampleshop").authenticate(request(""))).status());
    }

    @Test
    void contactUpsertsCanBeSwitchedOff() {
        List<SourceItem> items = read(adapter("upsert-contacts", "false"), sample(Amocrm.CONTACTS));
        assertEquals(List.of(new Skipped("amocrm:etesttask:contact:37054081", "amocrm",
                "contacts_disabled: relay.sources.amocrm.upsert-contacts=false")), items);
    }

    @Test
    void contactsAreUpsertsUnlessTheSourceIsSwitchedOff() {
        assertEquals(Output.CONTACT, ((DealEvent) read(adapter(), sample(Amocrm.CONTACTS)).get(0)).output());
        // output=IGNORED switches the whole source off: the contact keeps no output of its own, routing drops it
        assertNull(((DealEvent) read(adapter("output", "IGNORED"), sample(Amocrm.CONTACTS)).get(0)).output());
    }

    @Test
    void clientIdFieldsAreConfigurable() {
        String body = "account[subdomain]=exampleshop&leads[update][0][id]=7"
                + "&leads[update][0][custom_fields][0][code]=_YM_UID&leads[update][0][custom_fields][0][values][0][value]=1674202831464027743"
                + "&leads[update][0][custom_fields][1][name]=Metrica+visitor&leads[update][0][custom_fields][1][values][0][value]=1700000000123456789";
        assertEquals("1674202831464027743", clientId(adapter(), body));
        assertEquals("1700000000123456789", clientId(adapter("client-id-fields", "metrica visitor"), body));
        assertNull(clientId(adapter("client-id-fields", "SOMETHING_ELSE"), body));
    }

    @Test
    void theFirstValidClientIdWinsOverAnOrderNumberInAnEarlierField() {
        String body = "account[subdomain]=exampleshop&leads[update][0][id]=7"
                + "&leads[update][0][custom_fields][0][code]=_YM_UID&leads[update][0][custom_fields][0][values][0][value]=87856"
                + "&leads[update][0][custom_fields][1][code]=CLIENT_ID&leads[update][0][custom_fields][1][values][0][value]=1674202831464027743";
        assertEquals("1674202831464027743", clientId(adapter(), body));
    }

    @Test
    void theConfiguredOrderOfClientIdFieldsIsTheirPriority() {
        String body = "leads[update][0][id]=7"
                + "&leads[update][0][custom_fields][0][code]=CLIENT_ID&leads[update][0][custom_fields][0][values][0][value]=1700000000123456789"
                + "&leads[update][0][custom_fields][1][code]=_YM_UID&leads[update][0][custom_fields][1][values][0][value]=1674202831464027743";
        assertEquals("1674202831464027743", clientId(adapter(), body));
        assertEquals("1700000000123456789", clientId(adapter("client-id-fields", "CLIENT_ID,_YM_UID"), body));
    }

    @Test
    void accountFallsBackToIdThenToTheConfiguredAccount() {
        String lead = "&leads[add][0][id]=7";
        assertEquals("amocrm:31234567:7", read(adapter(), "account[id]=31234567" + lead).get(0).eventId());
        assertEquals("amocrm:default:7", read(adapter(), lead.substring(1)).get(0).eventId());
        assertEquals("amocrm:main:7", read(adapter("account", "main"), lead.substring(1)).get(0).eventId());
    }

    @Test
    void zeroDatesAreNoDatesAndBrokenOnesAre422() {
        DealEvent lead = (DealEvent) read(adapter(), "leads[add][0][id]=7&leads[add][0][date_create]=0&leads[add][0][created_at]=1748500000").get(0);
        assertEquals(java.time.Instant.ofEpochSecond(1748500000), lead.createdAt());
        RelayProblem problem = assertThrows(RelayProblem.class, () -> read(adapter(), "leads[add][0][id]=7&leads[add][0][last_modified]=yesterday"));
        assertEquals(422, problem.status());
        assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter(), "leads[add][0][id]=7&leads[add][0][price]=-5")).status());
    }

    private static String clientId(AmocrmAdapter adapter, String body) {
        return ((DealEvent) read(adapter, body).get(0)).identity().clientId();
    }

    /** Sparse indexes in any order are visited by value ("007" is 7), then named keys alphabetically. */
    @Test
    void childrenAreVisitedByIndexValueThenByName() {
        List<String> keys = new java.util.ArrayList<>(List.of("b", "10", "", "2", "007", "a", "1", "12345678901234567890123"));
        keys.sort(Tree.BY_INDEX);
        assertEquals(List.of("1", "2", "007", "10", "12345678901234567890123", "", "a", "b"), keys);
    }
}
