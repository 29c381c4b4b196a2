package ru.metricarelay.relay.flush;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.queue.QueueStore.Taken;

/**
 * The merge rules of a flush (docs/architecture.md#queued-delivery), pure: the same order id → its latest state; identical
 * conversion, call or chat rows → one. Contacts with one uniq_id are united later, when the upload is built
 * ({@link UploadBuilder}). Each unit remembers every queued row it stands for: they leave the queue together.
 */
final class QueueMerge {

    /** One row to send, and the queued rows it stands for (itself and what it superseded or repeated). */
    record Unit(Taken winner, List<Taken> covers) {
        Routed routed() {
            return winner.record().routed();
        }

        Instant receivedAt() {
            return winner.record().receivedAt();
        }
    }

    /** Latest state: the later event time (else receipt time), then the later receipt, then the later queue position. */
    static final Comparator<Taken> LATEST = Comparator
            .comparing((Taken t) -> eventTime(t))
            .thenComparing(t -> t.record().receivedAt())
            .thenComparingLong(Taken::seq);

    private QueueMerge() {
    }

    /** @param readable taken rows whose record is not null, in queue order */
    static List<Unit> merge(List<Taken> readable) {
        Map<Object, List<Taken>> byKey = new LinkedHashMap<>();
        for (Taken t : readable) {
            byKey.computeIfAbsent(key(t), k -> new ArrayList<>()).add(t);
        }
        List<Unit> units = new ArrayList<>(byKey.size());
        byKey.values().forEach(same -> units.add(new Unit(same.stream().max(LATEST).orElseThrow(), List.copyOf(same))));
        return units;
    }

    private static Object key(Taken t) {
        Routed r = t.record().routed();
        Output output = r.output();
        return switch (output) {
            // an order id names one order: Metrica keeps one state of it (SAVE), so only the latest is worth sending
            case ORDER, SIMPLE_ORDER -> List.of(output, r.eventId());
            // a row Metrica cannot tell apart from another would be counted twice: identical rows go once
            case CONVERSION, CALL, CHAT -> List.of(r, UploadBuilder.unixInThePast(r.event(), t.record().receivedAt()));
            // contact upserts are united per uniq_id by the builder; each row is its own unit
            case CONTACT, IGNORED -> List.of(t);
        };
    }

    private static Instant eventTime(Taken t) {
        Instant occurred = t.record().routed().event().occurredAt();
        return occurred != null ? occurred : t.record().receivedAt();
    }
}
