package ru.metricarelay.metrica;

import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Mask;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.CdpRecords.Contact;
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.Order;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;
import ru.metricarelay.metrica.MetricaRequest.CsvFile;
import ru.metricarelay.metrica.MetricaRequest.Kind;

/**
 * Turns routed records into the exact Metrica requests (docs/architecture.md#outputs): one request per output kind and
 * visitor-id type, however many records a webhook carried. Pure: the time of receipt is passed in.
 */
@Singleton
public class UploadBuilder {

    static final DateTimeFormatter CDP_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final MetricaConfig metrica;
    private final RelayConfig relay;

    public UploadBuilder(MetricaConfig metrica, RelayConfig relay) {
        this.metrica = metrica;
        this.relay = relay;
    }

    /** How phones and e-mails appear: as sent to Metrica, or masked for a dry-run answer (docs/architecture.md#answers). */
    public enum Pii { SEND, SHOW_MASKED }

    /** Groups the sendable records into batches; IGNORED records are not in any batch. */
    public List<Batch> batches(List<Routed> routed, Instant receivedAt, Pii pii) {
        return batches(routed, r -> receivedAt, pii);
    }

    /**
     * The same for records received at different times (a flush of queued delivery): {@code receivedAt} gives
     * each record's receipt time, which stands in for missing dates and bounds "in the past".
     */
    public List<Batch> batches(List<Routed> routed, Function<Routed, Instant> receivedAt, Pii pii) {
        return groups(routed).stream().map(group -> new Batch(group, requests(group, receivedAt, pii))).toList();
    }

    /** The sendable records by request group: output kind and, for management uploads, visitor id column. */
    public List<List<Routed>> groups(List<Routed> routed) {
        return List.copyOf(routed.stream()
                .filter(r -> r.output() != Output.IGNORED)
                .collect(Collectors.groupingBy(r -> r.output() + "/" + VisitorId.of(r.output(), r.event().identity()).column,
                        LinkedHashMap::new, Collectors.toList()))
                .values());
    }

    private List<MetricaRequest> requests(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        long counter = metrica.counterId().orElse(0L);
        Output output = group.get(0).output();
        return switch (output) {
            case ORDER -> List.of(
                    new MetricaRequest(Kind.CONTACTS, counter, Map.of("merge_mode", "UPDATE"), contacts(group, pii), null),
                    new MetricaRequest(Kind.ORDERS, counter, Map.of("merge_mode", "SAVE"), orders(group, receivedAt), null));
            case CONTACT -> List.of(
                    new MetricaRequest(Kind.CONTACTS, counter, Map.of("merge_mode", "UPDATE"), contacts(group, pii), null));
            case SIMPLE_ORDER -> List.of(new MetricaRequest(Kind.SIMPLE_ORDERS, counter,
                    Map.of("merge_mode", "SAVE", "delimiter_type", "COMMA"), null, simpleOrders(group, receivedAt, pii)));
            case CONVERSION -> List.of(new MetricaRequest(Kind.CONVERSIONS, counter,
                    Map.of("client_id_type", VisitorId.of(output, group.get(0).event().identity()).type), null,
                    conversions(group, receivedAt)));
            case CALL -> List.of(new MetricaRequest(Kind.CALLS, counter, Map.of(), null, calls(group, receivedAt, pii)));
            case CHAT -> List.of(new MetricaRequest(Kind.CHATS, counter, Map.of("type", "CHATS"), null, chats(group, receivedAt, pii)));
            case IGNORED -> List.of();
        };
    }

    // ---- CDP JSON -------------------------------------------------------------------------------

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
    private ContactsUpload contacts(List<Routed> group, Pii pii) {
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
                    hash ? List.of() : phones.stream().map(p -> shown(p, pii)).toList(),
                    hash ? List.of() : pii == Pii.SEND ? emails : emails.stream().map(Mask::email).toList(),
                    hash ? md5All(phones) : List.of(), hash ? md5All(emails) : List.of()));
        });
        return new ContactsUpload(contacts);
    }

    private static List<String> united(List<Identity> ids, Function<Identity, List<String>> values) {
        return List.copyOf(ids.stream().flatMap(id -> values.apply(id).stream())
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new)));
    }

    private OrdersUpload orders(List<Routed> group, Function<Routed, Instant> receivedAt) {
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

    /** CDP wants local date-times in the counter's time zone (docs/architecture.md#metrica-facts-the-builder-relies-on), not ISO-Z or unix. */
    String cdpDate(Instant instant) {
        ZoneId zone = metrica.timezone();
        return CDP_DATE_TIME.format(instant.atZone(zone));
    }

    // ---- CSV uploads ----------------------------------------------------------------------------

    private CsvFile simpleOrders(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
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
                row.put("emails", String.join(",", emails(e.identity(), pii)));
                row.put("phones", String.join(",", phones(e.identity(), pii)));
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

    private CsvFile conversions(List<Routed> group, Function<Routed, Instant> receivedAt) {
        return visitorCsv("conversions.csv", group, receivedAt, List.of("Target", "DateTime", "Price", "Currency"), (r, row) -> {
            row.put("Target", r.target());
            row.put("Price", r.revenue());
            row.put("Currency", r.revenue() == null ? null : r.currency());
        });
    }

    private CsvFile calls(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        return visitorCsv("calls.csv", group, receivedAt, List.of("DateTime", "PhoneNumber", "TalkDuration", "HoldDuration",
                "CallMissed", "FirstTimeCaller", "Tag", "URL"), (r, row) -> {
            DealEvent e = r.event();
            var call = e.call();
            String phone = call != null && call.phone() != null ? call.phone()
                    : e.identity().phones().stream().findFirst().orElse(null);
            row.put("PhoneNumber", phone == null ? null : Phones.e164(shown(phone, pii)));
            if (call != null) {
                row.put("TalkDuration", call.talkSeconds());
                row.put("HoldDuration", call.holdSeconds());
                row.put("CallMissed", flag(call.missed()));
                row.put("FirstTimeCaller", flag(call.firstTimeCaller()));
                row.put("Tag", call.tag());
                row.put("URL", call.url());
            }
        });
    }

    private CsvFile chats(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        return visitorCsv("chats.csv", group, receivedAt, List.of("DateTime", "ChatPlatform", "ChatUserID", "ChatUsername", "PhoneNumber"),
                (r, row) -> {
                    DealEvent e = r.event();
                    row.put("ChatPlatform", e.chat().platform());
                    row.put("ChatUserID", e.chat().userId());
                    row.put("ChatUsername", e.chat().username());
                    row.put("PhoneNumber", phones(e.identity(), pii).stream().findFirst().map(Phones::e164).orElse(null));
                });
    }

    /**
     * A management upload: the visitor id column (ClientId, Yclid or UserId: one per file), then
     * {@code columns} (DateTime among them, always filled here), the others filled per record by {@code fill}.
     */
    private static CsvFile visitorCsv(String filename, List<Routed> group, Function<Routed, Instant> receivedAt, List<String> columns,
            BiConsumer<Routed, Map<String, Object>> fill) {
        VisitorId visitor = VisitorId.of(group.get(0).output(), group.get(0).event().identity());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Routed r : group) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(visitor.column, visitor.value(r.event().identity()));
            row.put("DateTime", unixInThePast(r.event(), receivedAt.apply(r)));
            fill.accept(r, row);
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of(visitor.column));
        header.addAll(columns);
        return new CsvFile(filename, CsvFiles.write(header, rows));
    }

    /** Offline conversions, calls and chats reject future DateTime: clamp to receipt − 1 s (docs/architecture.md#metrica-facts-the-builder-relies-on). */
    public static long unixInThePast(DealEvent e, Instant receivedAt) {
        Instant latest = receivedAt.minusSeconds(1);
        Instant at = e.occurredAt() == null || e.occurredAt().isAfter(latest) ? latest : e.occurredAt();
        return at.getEpochSecond();
    }

    private static List<String> phones(Identity id, Pii pii) {
        return id.phones().stream().map(p -> shown(p, pii)).toList();
    }

    private static List<String> emails(Identity id, Pii pii) {
        return pii == Pii.SEND ? id.emails() : id.emails().stream().map(Mask::email).toList();
    }

    private static String shown(String phone, Pii pii) {
        return pii == Pii.SEND ? phone : Mask.phone(phone);
    }

    private static String flag(Boolean b) {
        return b == null ? null : b ? "1" : "0";
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /** Metrica's hashing: md5 of each normalised value, lower-case hex (docs/architecture.md#metrica-facts-the-builder-relies-on). */
    static List<String> md5All(List<String> values) {
        return values.stream().map(Hashes::md5Hex).toList();
    }

    /** Which visitor id column a management upload uses: the first the event has of ClientId, Yclid, UserId. */
    enum VisitorId {
        CLIENT_ID("ClientId", "CLIENT_ID"), YCLID("Yclid", "YCLID"), USER_ID("UserId", "USER_ID"), NONE("-", "-");

        final String column;
        final String type;

        VisitorId(String column, String type) {
            this.column = column;
            this.type = type;
        }

        static VisitorId of(Output output, Identity id) {
            if (output == Output.ORDER || output == Output.SIMPLE_ORDER || output == Output.CONTACT) {
                return NONE; // CDP uploads carry every identity in one row: one batch
            }
            return id.clientId() != null ? CLIENT_ID : id.yclid() != null ? YCLID : id.userId() != null ? USER_ID : NONE;
        }

        String value(Identity id) {
            return switch (this) {
                case CLIENT_ID -> id.clientId();
                case YCLID -> id.yclid();
                case USER_ID -> id.userId();
                case NONE -> null;
            };
        }
    }
}
