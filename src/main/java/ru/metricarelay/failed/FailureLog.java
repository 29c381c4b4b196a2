package ru.metricarelay.failed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps an outage from flooding the log (docs/reliability.md#quiet-outages): per interval, the first few
 * failed events get their full line, the rest are counted, and one summary line per interval tells how
 * many there were, their first event ids and their answers. Every event still reaches the sink; only
 * the log is quiet. An interval of 0 logs every event in full.
 */
final class FailureLog {

    static final int IDS_SHOWN = 10;

    private final long intervalNanos;
    private final int first;
    private final Consumer<String> summaryOut;
    private final Consumer<Duration> timer;
    private final LongSupplier nanoTime;
    private long windowStart;
    private boolean open;
    private int logged;
    private int suppressed;
    private final List<String> ids = new ArrayList<>();
    private final Map<Integer, Integer> byAnswer = new TreeMap<>();
    private String sinkNote = "";

    /**
     * @param summaryOut writes a summary line
     * @param timer      asks for {@link #flush()} to be called once the given time has passed
     */
    FailureLog(Duration interval, int first, Consumer<String> summaryOut, Consumer<Duration> timer) {
        this(interval, first, summaryOut, timer, System::nanoTime);
    }

    FailureLog(Duration interval, int first, Consumer<String> summaryOut, Consumer<Duration> timer, LongSupplier nanoTime) {
        this.intervalNanos = interval.toNanos();
        this.first = Math.max(0, first);
        this.summaryOut = summaryOut;
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    /** Logs the event in full ({@code fullLine}) or counts it for the interval's summary. */
    void record(String eventId, int answerStatus, String sinkNote, Runnable fullLine) {
        if (intervalNanos <= 0) {
            fullLine.run();
            return;
        }
        boolean full;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (open && now - windowStart >= intervalNanos) {
                flushLocked();
            }
            if (!open) {
                open = true;
                windowStart = now;
                timer.accept(Duration.ofNanos(intervalNanos));
            }
            full = logged < first;
            if (full) {
                logged++;
            } else {
                suppressed++;
                if (ids.size() < IDS_SHOWN) {
                    ids.add(eventId);
                }
                byAnswer.merge(answerStatus, 1, Integer::sum);
                this.sinkNote = sinkNote;
            }
        }
        if (full) {
            fullLine.run();
        }
    }

    /** Ends the current interval if it is over (called by the timer, and at shutdown with force). */
    synchronized void flush() {
        if (open && nanoTime.getAsLong() - windowStart >= intervalNanos) {
            flushLocked();
        }
    }

    synchronized void flushNow() {
        if (open) {
            flushLocked();
        }
    }

    private void flushLocked() {
        if (suppressed > 0) {
            StringBuilder answers = new StringBuilder();
            byAnswer.forEach((status, n) -> answers.append(answers.length() == 0 ? "" : ",").append(status).append(':').append(n));
            summaryOut.accept("metrica_failed_summary interval=" + Duration.ofNanos(intervalNanos).toSeconds() + "s events="
                    + (suppressed + logged) + " logged_in_full=" + logged + " not_logged=" + suppressed + " answers=" + answers
                    + " first_event_ids=" + String.join(",", ids) + (suppressed > ids.size() ? ",…" : "") + " " + sinkNote);
        }
        open = false;
        logged = 0;
        suppressed = 0;
        ids.clear();
        byAnswer.clear();
    }
}
