package ru.metricarelay.metrica;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Mask;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.MetricaRequest.CsvFile;
import ru.metricarelay.metrica.UploadBuilder.Pii;

/**
 * The CSV uploads of {@link UploadBuilder}: CDP simple orders (client_uniq_id and dates as in {@link CdpUploads}),
 * and the management uploads (offline conversions, calls, chats) with their visitor id column ({@link VisitorId});
 * how phones and e-mails are shown or hashed.
 */
final class CsvUploads {

    private final RelayConfig relay;
    private final CdpUploads cdp;

    CsvUploads(RelayConfig relay, CdpUploads cdp) {
        this.relay = relay;
        this.cdp = cdp;
    }

    CsvFile simpleOrders(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Routed r : group) {
            DealEvent e = r.event();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", e.eventId());
            row.put("create_date_time", cdp.cdpDate(e.createdAt() != null ? e.createdAt() : receivedAt.apply(r)));
            row.put("client_uniq_id", CdpUploads.clientUniqId(e));
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

    CsvFile conversions(List<Routed> group, Function<Routed, Instant> receivedAt) {
        return visitorCsv("conversions.csv", group, receivedAt, List.of("Target", "DateTime", "Price", "Currency"), (r, row) -> {
            row.put("Target", r.target());
            row.put("Price", r.revenue());
            row.put("Currency", r.revenue() == null ? null : r.currency());
        });
    }

    CsvFile calls(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
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

    CsvFile chats(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
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
    static long unixInThePast(DealEvent e, Instant receivedAt) {
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

    static String shown(String phone, Pii pii) {
        return pii == Pii.SEND ? phone : Mask.phone(phone);
    }

    private static String flag(Boolean b) {
        return b == null ? null : b ? "1" : "0";
    }

    /** Metrica's hashing: md5 of each normalised value, lower-case hex (docs/architecture.md#metrica-facts-the-builder-relies-on). */
    static List<String> md5All(List<String> values) {
        return values.stream().map(Hashes::md5Hex).toList();
    }
}
