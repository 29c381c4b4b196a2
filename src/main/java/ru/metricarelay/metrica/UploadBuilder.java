package ru.metricarelay.metrica;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Mask;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.MetricaRequest.Kind;

/**
 * Turns routed records into the exact Metrica requests (docs/architecture.md#outputs): one request per output kind and
 * visitor-id type, however many records a webhook carried. Pure: the time of receipt is passed in. The bodies are
 * built by {@link CdpBodies} (the CDP API: contacts, orders, simple orders) and {@link ManagementBodies} (the
 * management API: offline conversions, calls, chats).
 */
@Singleton
public class UploadBuilder {

    private final MetricaConfig metrica;
    private final CdpBodies cdp;

    public UploadBuilder(MetricaConfig metrica, RelayConfig relay) {
        this.metrica = metrica;
        this.cdp = new CdpBodies(metrica, relay);
    }

    /** How phones and e-mails appear: as sent to Metrica, or masked for a dry-run answer (docs/architecture.md#answers). */
    public enum Pii {
        SEND, SHOW_MASKED;

        String phone(String phone) {
            return this == SEND ? phone : Mask.phone(phone);
        }

        List<String> phones(List<String> phones) {
            return phones.stream().map(this::phone).toList();
        }

        List<String> emails(List<String> emails) {
            return this == SEND ? emails : emails.stream().map(Mask::email).toList();
        }
    }

    /** Groups the sendable records into batches; IGNORED records are not in any batch. */
    public List<Batch> batches(List<Routed> routed, Instant receivedAt, Pii pii) {
        return batches(routed, r -> receivedAt, pii);
    }

    /**
     * The same for records received at different times (a flush of queued delivery): {@code receivedAt} gives
     * each record's receipt time, which stands in for missing dates and bounds "in the past".
     */
    public List<Batch> batches(List<Routed> routed, Function<Routed, Instant> receivedAt, Pii pii) {
        return groups(routed, r -> r).stream().map(group -> new Batch(group, requests(group, receivedAt, pii))).toList();
    }

    /** The most rows one upload carries, by body format (a flush's relay.flush.max-json-rows and max-csv-rows). */
    public record RowCaps(int json, int csv) {
    }

    /**
     * What each upload of a flush carries (docs/architecture.md#queued-delivery): the items by request group, each group
     * cut at the row cap of its requests' format. {@code routed} gives an item's record.
     */
    public <T> List<List<T>> uploads(List<T> items, Function<T, Routed> routed, RowCaps caps) {
        List<List<T>> uploads = new java.util.ArrayList<>();
        for (List<T> group : groups(items, routed)) {
            int cap = kinds(routed.apply(group.get(0)).output()).get(0).json ? caps.json() : caps.csv();
            for (int from = 0; from < group.size(); from += cap) {
                uploads.add(group.subList(from, Math.min(group.size(), from + cap)));
            }
        }
        return uploads;
    }

    /** The sendable items by request group: output kind and, for management uploads, visitor id column. */
    private static <T> List<List<T>> groups(List<T> items, Function<T, Routed> routed) {
        return List.copyOf(items.stream()
                .filter(t -> routed.apply(t).output() != Output.IGNORED)
                .collect(Collectors.groupingBy(t -> {
                    Routed r = routed.apply(t);
                    return r.output() + "/" + VisitorId.of(r.output(), r.event().identity()).column;
                }, LinkedHashMap::new, Collectors.toList()))
                .values());
    }

    /** The requests one output's group makes, in order: ORDER is a contacts upload, then an orders upload. */
    static List<Kind> kinds(Output output) {
        return switch (output) {
            case ORDER -> List.of(Kind.CONTACTS, Kind.ORDERS);
            case CONTACT -> List.of(Kind.CONTACTS);
            case SIMPLE_ORDER -> List.of(Kind.SIMPLE_ORDERS);
            case CONVERSION -> List.of(Kind.CONVERSIONS);
            case CALL -> List.of(Kind.CALLS);
            case CHAT -> List.of(Kind.CHATS);
            case IGNORED -> List.of();
        };
    }

    private List<MetricaRequest> requests(List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        return kinds(group.get(0).output()).stream().map(kind -> request(kind, group, receivedAt, pii)).toList();
    }

    private MetricaRequest request(Kind kind, List<Routed> group, Function<Routed, Instant> receivedAt, Pii pii) {
        long counter = metrica.counterId().orElse(0L);
        return switch (kind) {
            case CONTACTS -> new MetricaRequest(kind, counter, Map.of("merge_mode", "UPDATE"), cdp.contacts(group, pii), null);
            case ORDERS -> new MetricaRequest(kind, counter, Map.of("merge_mode", "SAVE"), cdp.orders(group, receivedAt), null);
            case SIMPLE_ORDERS -> new MetricaRequest(kind, counter, Map.of("merge_mode", "SAVE", "delimiter_type", "COMMA"), null,
                    cdp.simpleOrders(group, receivedAt, pii));
            case CONVERSIONS -> new MetricaRequest(kind, counter,
                    Map.of("client_id_type", VisitorId.of(Output.CONVERSION, group.get(0).event().identity()).type), null,
                    ManagementBodies.conversions(group, receivedAt));
            case CALLS -> new MetricaRequest(kind, counter, Map.of(), null, ManagementBodies.calls(group, receivedAt, pii));
            case CHATS -> new MetricaRequest(kind, counter, Map.of("type", "CHATS"), null, ManagementBodies.chats(group, receivedAt, pii));
        };
    }

    /** A conversion's, call's or chat's DateTime: never after receipt − 1 s ({@link ManagementBodies#unixInThePast}). */
    public static long unixInThePast(DealEvent e, Instant receivedAt) {
        return ManagementBodies.unixInThePast(e, receivedAt);
    }
}
