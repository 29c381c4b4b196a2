package ru.metricarelay.metrica;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.CdpRecords.Contact;
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.Order;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;
import ru.metricarelay.metrica.MetricaRequest.CsvFile;
import ru.metricarelay.metrica.UploadBuilder.Pii;

/**
 * The CDP API's uploads of {@link UploadBuilder}: contacts and orders (JSON) and simple orders (CSV), with their
 * client_uniq_id, local date-times, and phones and e-mails shown, masked or hashed.
 */
final class CdpBodies {

    private static final DateTimeFormatter CDP_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MetricaConfig metrica;
    private final RelayConfig relay;

    CdpBodies(MetricaConfig metrica, RelayConfig relay) {
        this.metrica = metrica;
        this.relay = relay;
    }

    /** client_uniq_id (docs/architecture.md#ids): the CRM contact, else the visitor, so one person is one Metrica contact. */
    static String clientUniqId(DealEvent e) {
        Identity id = e.identity();
        if (id.contactId() != null) {
            return e.source() + ":" + e.account() + ":contact:" + id.contactId();
        }
        if (id.clientId() != null) {
            return "ym:" + id.clientId();
        }
        if (id.yclid() != null) {
            return "yclid:" + id.yclid();
        }
        if (id.userId() != null) {
            return "user:" + id.userId();
        }
        // only a phone or an e-mail: a contact per deal rather than an id that spells out the phone
        return e.source() + ":" + e.account() + ":deal:" + e.dealId();
    }

    /** One contact per client_uniq_id; records naming the same one unite their ids, phones and e-mails (UPDATE keeps the rest). */
    ContactsUpload contacts(List<Routed> group, Pii pii) {
        Map<String, List<Identity>> byId = new LinkedHashMap<>();
        for (Routed r : group) {
            byId.computeIfAbsent(clientUniqId(r.event()), uniqId -> new ArrayList<>()).add(r.event().identity());
        }
        boolean hash = relay.hashPii();
        List<Contact> contacts = new ArrayList<>();
        byId.forEach((uniqId, ids) -> {
            List<String> phones = united(ids, Identity::phones);
            List<String> emails = united(ids, Identity::emails);
            contacts.add(new Contact(uniqId, united(ids, id -> listOf(id.clientId())), united(ids, id -> listOf(id.userId())),
                    hash ? List.of() : pii.phones(phones), hash ? List.of() : pii.emails(emails),
                    hash ? md5All(phones) : List.of(), hash ? md5All(emails) : List.of()));
        });
        return new ContactsUpload(contacts);
    }

    private static List<String> united(List<Identity> ids, Function<Identity, List<String>> values) {
        return List.copyOf(ids.stream().flatMap(id -> values.apply(id).stream())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    OrdersUpload orders(List<Routed> group, Function<Routed, Instant> receivedAt) {
        List<Order> orders = new ArrayList<>();
        for (Routed r : group) {
            DealEvent e = r.event();
            orders.add(new Order(e.eventId(), clientUniqId(e), "CONTACT", r.orderStatus(),
                    cdpDate(e.createdAt() != null ? e.createdAt() : receivedAt.apply(r)),
                    e.occurredAt() == null ? null : cdpDate(e.occurredAt()),
                    r.revenue(), r.cost(), r.currency(),
                    r.goals().stream().map(g -> new CdpRecords.Goal(g.id(), g.price())).toList(),
                    e.identity().yclid() == null ? null : new BigInteger(e.identity().yclid())));
        }
        return new OrdersUpload(orders);
    }

    /** A simple-orders CSV: the orders upload's fields in one file, with the contact's ids, phones and e-mails in each row. */
    CsvFile simpleOrders(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Routed r : group) {
            DealEvent e = r.event();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.eventId());
            row.put("create_date_time", cdpDate(e.createdAt() != null ? e.createdAt() : receivedAt.apply(r)));
            row.put("client_uniq_id", clientUniqId(e));
            row.put("client_ids", e.identity().clientId());
            if (relay.hashPii()) {
                row.put("emails_md5", String.join(",", md5All(e.identity().emails())));
                row.put("phones_md5", String.join(",", md5All(e.identity().phones())));
            } else {
                row.put("emails", String.join(",", pii.emails(e.identity().emails())));
                row.put("phones", String.join(",", pii.phones(e.identity().phones())));
            }
            row.put("order_status", r.orderStatus());
            row.put("revenue", r.revenue());
            row.put("cost", r.cost());
            row.put("goals", r.goals().stream()
                    .map(g -> g.price() == null ? g.id() : g.id() + ":" + g.price().toPlainString())
                    .collect(Collectors.joining(",")));
            row.put("currency", r.currency());
            rows.add(row);
        }
        List<String> columns = relay.hashPii()
                ? List.of("id", "create_date_time", "client_uniq_id", "client_ids", "emails_md5", "phones_md5",
                        "order_status", "revenue", "cost", "goals", "currency")
                : List.of("id", "create_date_time", "client_uniq_id", "client_ids", "emails", "phones",
                        "order_status", "revenue", "cost", "goals", "currency");
        return new CsvFile("simple_orders.csv", CsvFiles.write(columns, rows));
    }

    /** CDP wants local date-times in the counter's time zone (docs/architecture.md#metrica-facts-the-builder-relies-on), not ISO-Z or unix. */
    String cdpDate(Instant instant) {
        ZoneId zone = metrica.timezone();
        return CDP_DATE_TIME.format(instant.atZone(zone));
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** Metrica's hashing: md5 of each normalised value, lower-case hex (docs/architecture.md#metrica-facts-the-builder-relies-on). */
    private static List<String> md5All(List<String> values) {
        return values.stream().map(Hashes::md5Hex).toList();
    }
}
