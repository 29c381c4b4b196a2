package ru.metricarelay.metrica;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.MetricaRequest.CsvFile;
import ru.metricarelay.metrica.UploadBuilder.Pii;

/**
 * The management API's uploads of {@link UploadBuilder}, one CSV file each: offline conversions, calls and chats,
 * keyed by the visitor id column ({@link VisitorId}), their DateTime never in the future.
 */
final class ManagementBodies {

    private ManagementBodies() {
    }

    static CsvFile conversions(List<Routed> group, Function<Routed, Instant> receivedAt) {
        return visitorCsv("conversions.csv", group, receivedAt, List.of("Target", "DateTime", "Price", "Currency"), (r, row) -> {
            row.put("Target", r.target());
            row.put("Price", r.revenue());
            row.put("Currency", r.revenue() == null ? null : r.currency());
        });
    }

    static CsvFile calls(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        return visitorCsv("calls.csv", group, receivedAt, List.of("DateTime", "PhoneNumber", "TalkDuration", "HoldDuration",
                "CallMissed", "FirstTimeCaller", "Tag", "URL"), (r, row) -> {
            DealEvent e = r.event();
            var call = e.call();
            String phone = call != null && call.phone() != null ? call.phone()
                    : e.identity().phones().stream().findFirst().orElse(null);
            row.put("PhoneNumber", phone == null ? null : Phones.e164(pii.phone(phone)));
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

    static CsvFile chats(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        return visitorCsv("chats.csv", group, receivedAt, List.of("DateTime", "ChatPlatform", "ChatUserID", "ChatUsername", "PhoneNumber"),
                (r, row) -> {
                    DealEvent e = r.event();
                    row.put("ChatPlatform", e.chat().platform());
                    row.put("ChatUserID", e.chat().userId());
                    row.put("ChatUsername", e.chat().username());
                    row.put("PhoneNumber", pii.phones(e.identity().phones()).stream().findFirst().map(Phones::e164).orElse(null));
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

    private static String flag(Boolean b) {
        return b == null ? null : b ? "1" : "0";
    }
}
