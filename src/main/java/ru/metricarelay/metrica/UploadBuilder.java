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
 * built by {@link CdpUploads} (the CDP API: contacts, orders, simple orders) and {@link ManagementUploads} (the
 * management API: offline conversions, calls, chats).
 */
@Singleton
public class UploadBuilder {

    private final MetricaConfig metrica;
    private final CdpUploads cdp;

    public UploadBuilder(MetricaConfig metrica, RelayConfig relay) {
        this.metrica = metrica;
        this.cdp = new CdpUploads(metrica, relay);
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
                    new MetricaRequest(Kind.CONTACTS, counter, Map.of("merge_mode", "UPDATE"), cdp.contacts(group, pii), null),
                    new MetricaRequest(Kind.ORDERS, counter, Map.of("merge_mode", "SAVE"), cdp.orders(group, receivedAt), null));
            case CONTACT -> List.of(
                    new MetricaRequest(Kind.CONTACTS, counter, Map.of("merge_mode", "UPDATE"), cdp.contacts(group, pii), null));
            case SIMPLE_ORDER -> List.of(new MetricaRequest(Kind.SIMPLE_ORDERS, counter,
                    Map.of("merge_mode", "SAVE", "delimiter_type", "COMMA"), null, cdp.simpleOrders(group, receivedAt, pii)));
            case CONVERSION -> List.of(new MetricaRequest(Kind.CONVERSIONS, counter,
                    Map.of("client_id_type", VisitorId.of(output, group.get(0).event().identity()).type), null,
                    ManagementUploads.conversions(group, receivedAt)));
            case CALL -> List.of(new MetricaRequest(Kind.CALLS, counter, Map.of(), null,
                    ManagementUploads.calls(group, receivedAt, pii)));
            case CHAT -> List.of(new MetricaRequest(Kind.CHATS, counter, Map.of("type", "CHATS"), null,
                    ManagementUploads.chats(group, receivedAt, pii)));
            case IGNORED -> List.of();
        };
    }

    /** A conversion's, call's or chat's DateTime: never after receipt − 1 s ({@link ManagementUploads#unixInThePast}). */
    public static long unixInThePast(DealEvent e, Instant receivedAt) {
        return ManagementUploads.unixInThePast(e, receivedAt);
    }
}
