package ru.metricarelay.relay.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.queue.QueueStore.Taken;
import ru.metricarelay.queue.QueuedRecord;
import ru.metricarelay.relay.flush.QueueMerge.Unit;

/** The merge rules of a flush, without Quarkus. */
class QueueMergeTest {

    static final Instant T0 = Instant.parse("2025-06-01T09:00:00Z");
    int seq;

    Taken row(Output output, String dealId, String status, Instant occurred, Instant received) {
        DealEvent event = DealEvent.builder("amocrm", "shop", dealId).identity(Identity.builder().clientId("1674202831464027743").build())
                .status(status).occurredAt(occurred).build();
        Routed routed = new Routed(event.eventId(), "amocrm", output, null, event, status, null, null, "RUB", List.of(), "goal");
        seq++;
        return new Taken("h" + seq, "h" + seq, seq, 0, new QueuedRecord(received, routed));
    }

    @Test
    void anOrderIdIsSentInItsLatestStateByEventTimeEvenWhenTheOlderStateArrivedLater() {
        Taken won = row(Output.ORDER, "1", "PAID", T0.plusSeconds(60), T0);
        Taken stale = row(Output.ORDER, "1", "IN_PROGRESS", T0, T0.plusSeconds(5)); // a sender's late retry
        Taken other = row(Output.ORDER, "2", "IN_PROGRESS", T0, T0);
        List<Unit> units = QueueMerge.merge(List.of(won, stale, other));
        assertEquals(2, units.size());
        assertEquals("PAID", units.get(0).routed().orderStatus());
        assertEquals(List.of(won, stale), units.get(0).covers(), "the superseded row leaves the queue with the winner");
        assertEquals(List.of(other), units.get(1).covers());
    }

    @Test
    void withoutEventTimesTheLaterReceiptAndThenTheLaterRowWins() {
        Taken first = row(Output.SIMPLE_ORDER, "1", "IN_PROGRESS", null, T0);
        Taken second = row(Output.SIMPLE_ORDER, "1", "PAID", null, T0);
        assertEquals("PAID", QueueMerge.merge(List.of(first, second)).get(0).routed().orderStatus());
        Taken later = row(Output.SIMPLE_ORDER, "1", "CANCELLED", null, T0.plusSeconds(1));
        assertEquals("CANCELLED", QueueMerge.merge(List.of(later, first, second)).get(0).routed().orderStatus());
    }

    @Test
    void identicalConversionRowsGoOnceDifferentOnesAllGo() {
        Taken a = row(Output.CONVERSION, "f-1", null, T0, T0.plusSeconds(10));
        Taken sameRow = row(Output.CONVERSION, "f-1", null, T0, T0.plusSeconds(20)); // resent: its DateTime is the event's
        Taken otherTime = row(Output.CONVERSION, "f-1", null, T0.plusSeconds(1), T0.plusSeconds(20));
        List<Unit> units = QueueMerge.merge(List.of(a, sameRow, otherTime));
        assertEquals(2, units.size());
        assertEquals(List.of(a, sameRow), units.get(0).covers());
    }

    @Test
    void contactRowsStayApartForTheBuilderToUnite() {
        List<Taken> rows = new ArrayList<>(List.of(row(Output.CONTACT, "c", null, T0, T0), row(Output.CONTACT, "c", null, T0, T0)));
        assertEquals(2, QueueMerge.merge(rows).size());
    }
}
