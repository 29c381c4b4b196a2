package ru.metricarelay.failed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The summariser's intervals on a clock the test moves: full lines, counted events, one summary per interval. */
class FailureLogTest {

    final AtomicLong clock = new AtomicLong();
    final List<String> lines = new ArrayList<>();
    final List<Duration> timers = new ArrayList<>();
    final FailureLog log = new FailureLog(Duration.ofSeconds(10), 2, lines::add, timers::add, clock::get);

    void fail(String id, int answer) {
        log.record(id, answer, "sink=file keeps every event", () -> lines.add("full " + id));
    }

    @Test
    void theFirstEventsOfAnIntervalAreLoggedInFullTheRestSummarisedWhenItEnds() {
        for (int i = 1; i <= 5; i++) {
            fail("e" + i, i == 5 ? 502 : 503);
        }
        assertEquals(List.of("full e1", "full e2"), lines);
        assertEquals(List.of(Duration.ofSeconds(10)), timers, "one timer per interval");

        log.flush(); // the timer fired early: the interval is not over, nothing is written
        assertEquals(2, lines.size());

        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        log.flush();
        assertEquals(3, lines.size());
        String summary = lines.get(2);
        assertTrue(summary.startsWith("metrica_failed_summary interval=10s events=5 logged_in_full=2 not_logged=3 answers=502:1,503:2 "
                + "first_event_ids=e3,e4,e5 sink=file"), summary);

        log.flush(); // nothing left to say
        assertEquals(3, lines.size());
    }

    @Test
    void aFailureAfterTheIntervalClosesItAndOpensTheNext() {
        for (int i = 1; i <= 3; i++) {
            fail("a" + i, 503);
        }
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        fail("b1", 503);
        assertEquals(List.of("full a1", "full a2"), lines.subList(0, 2));
        assertTrue(lines.get(2).contains("not_logged=1") && lines.get(2).contains("first_event_ids=a3 "), lines.get(2));
        assertEquals("full b1", lines.get(3));
        assertEquals(2, timers.size());
    }

    @Test
    void anIntervalWithoutSuppressedEventsWritesNoSummaryAndZeroLogsEverything() {
        fail("x1", 503);
        log.flushNow();
        assertEquals(List.of("full x1"), lines);

        FailureLog every = new FailureLog(Duration.ZERO, 2, lines::add, timers::add, clock::get);
        for (int i = 0; i < 4; i++) {
            every.record("y" + i, 503, "", () -> lines.add("full y"));
        }
        assertEquals(5, lines.size());
        assertEquals(1, timers.size(), "no timer when every event is logged");
    }

    @Test
    void atMostTenIdsAreShown() {
        for (int i = 0; i < 30; i++) {
            fail("id" + i, 503);
        }
        log.flushNow();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.contains("first_event_ids=id2,id3,id4,id5,id6,id7,id8,id9,id10,id11,… "), summary);
    }
}
