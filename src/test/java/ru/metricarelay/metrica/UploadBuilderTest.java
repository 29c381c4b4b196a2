package ru.metricarelay.metrica;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.UploadBuilder.Pii;
import ru.metricarelay.support.TestConfigs.Metrica;
import ru.metricarelay.support.TestConfigs.Relay;

/** relay.hash-pii: phones and e-mails leave only as md5 of their normalised form (metrica-api.md §2.2). */
class UploadBuilderTest {

    static final Instant NOW = Instant.parse("2025-06-01T09:00:00Z");

    static Routed routed(Output output) {
        DealEvent e = DealEvent.builder("generic", "shop", "1")
                .identity(Identity.builder().phone("+7 (999) 555-11-11").email(" Mail@Yandex.RU ").build()).build();
        return new Routed(e.eventId(), "generic", output, null, e, "PAID", null, null, "RUB", List.of(), null);
    }

    static UploadBuilder builder(boolean hash) {
        return new UploadBuilder(new Metrica(Optional.of("t"), Optional.of(1L)),
                new Relay(Optional.empty(), false, false, hash));
    }

    @Test
    void hashedContactsCarryOnlyTheMd5OfNormalisedValues() {
        MetricaRequest contacts = builder(true).batches(List.of(routed(Output.ORDER)), NOW, Pii.SEND).get(0).requests().get(0);
        var contact = ((ContactsUpload) contacts.json()).contacts().get(0);
        assertEquals(List.of("f09f2c3d48f31e2a802944ade2e5aec5"), contact.phonesMd5());
        assertEquals(List.of("3c56ff8fef0f6c65b36b2d25720fe276"), contact.emailsMd5());
        assertEquals(List.of(), contact.phones());
        assertEquals(List.of(), contact.emails());
    }

    @Test
    void hashedSimpleOrdersUseTheMd5Columns() {
        MetricaRequest upload = builder(true).batches(List.of(routed(Output.SIMPLE_ORDER)), NOW, Pii.SEND).get(0).requests().get(0);
        assertEquals("""
                id,create_date_time,client_uniq_id,client_ids,emails_md5,phones_md5,order_status,revenue,cost,goals,currency
                generic:shop:1,2025-06-01 12:00:00,generic:shop:deal:1,,3c56ff8fef0f6c65b36b2d25720fe276,f09f2c3d48f31e2a802944ade2e5aec5,PAID,,,,RUB
                """, upload.csv().content());
    }

    @Test
    void withoutHashingTheNormalisedValuesAreSentAndOnlyShownMasked() {
        var sent = (ContactsUpload) builder(false).batches(List.of(routed(Output.ORDER)), NOW, Pii.SEND).get(0).requests().get(0).json();
        assertEquals(List.of("79995551111"), sent.contacts().get(0).phones());
        assertEquals(List.of("mail@yandex.ru"), sent.contacts().get(0).emails());
        var shown = (ContactsUpload) builder(false).batches(List.of(routed(Output.ORDER)), NOW, Pii.SHOW_MASKED).get(0).requests().get(0).json();
        assertEquals(List.of("7999***1111"), shown.contacts().get(0).phones());
        assertEquals(List.of("m***@yandex.ru"), shown.contacts().get(0).emails());
    }

    /** Queued delivery merges many webhooks: records naming one contact unite what they know of it (UPDATE keeps the rest). */
    @Test
    void recordsOfOneContactAreOneContactWithEverythingUnited() {
        DealEvent first = DealEvent.builder("amocrm", "shop", "1").identity(Identity.builder().contactId("7")
                .clientId("1674202831464027743").phone("+7 999 555-11-11").build()).build();
        DealEvent second = DealEvent.builder("amocrm", "shop", "2").identity(Identity.builder().contactId("7")
                .clientId("1674202831464027799").phone("+7 999 555-11-11").email("a@b.ru").build()).build();
        List<Routed> both = List.of(first, second).stream().map(e -> new Routed(e.eventId(), "amocrm", Output.ORDER, null, e,
                "PAID", null, null, "RUB", List.of(), null)).toList();
        List<Batch> batches = builder(false).batches(both, r -> r.event() == first ? NOW : NOW.plusSeconds(1), Pii.SEND);
        var contacts = ((ContactsUpload) batches.get(0).requests().get(0).json()).contacts();
        assertEquals(1, contacts.size());
        assertEquals("amocrm:shop:contact:7", contacts.get(0).uniqId());
        assertEquals(List.of("1674202831464027743", "1674202831464027799"), contacts.get(0).clientIds());
        assertEquals(List.of("79995551111"), contacts.get(0).phones());
        assertEquals(List.of("a@b.ru"), contacts.get(0).emails());
        var orders = ((CdpRecords.OrdersUpload) batches.get(0).requests().get(1).json()).orders();
        assertEquals(List.of("2025-06-01 12:00:00", "2025-06-01 12:00:01"), orders.stream().map(CdpRecords.Order::createDateTime).toList(),
                "each record's own receipt time stands in for its missing creation date");
    }
}
