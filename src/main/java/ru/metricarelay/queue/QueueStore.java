package ru.metricarelay.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Where queued records wait for a flush (docs/architecture.md#queued-delivery). {@link #put} never blocks its
 * caller (it runs on the event loop); every other method blocks and is called from a flush's worker thread.
 */
public interface QueueStore extends AutoCloseable {

    /** Stores one webhook's records; completes once they are durable, fails if they could not be stored. */
    CompletionStage<Void> put(List<QueuedRecord> records);

    /**
     * Up to {@code max} records, oldest first where the store knows the order, hidden from other flushes
     * for {@code hold}; stops early (fewer records) when {@code until} has passed. Nothing is removed yet.
     */
    List<Taken> take(int max, Duration hold, Instant until) throws Exception;

    /** Forgets records Metrica accepted (or the failed-events sink took over). */
    void remove(List<Taken> done) throws Exception;

    /** Makes taken records that stay queued visible to the next flush at once. */
    void release(List<Taken> kept) throws Exception;

    /** Entries that are not a queued record: set aside for a human (SQLite: table dead_letter; SQS: its DLQ). */
    void deadLetter(List<Taken> unreadable) throws Exception;

    Stats stats() throws Exception;

    @Override
    void close();

    /**
     * One taken entry: the store's handle (row id, SQS receipt handle), its position in the queue (for
     * "latest state" ties) and the record, or null when the entry could not be read.
     */
    record Taken(String handle, long seq, QueuedRecord record) {
    }

    /**
     * @param queued       records waiting (approximate for SQS)
     * @param oldestAgeS   age of the oldest, seconds; null when the store cannot tell (SQS) or is empty
     * @param byOutput     records per output kind; empty when the store cannot tell (SQS)
     */
    record Stats(long queued, Long oldestAgeS, Map<String, Long> byOutput) {
    }
}
