package ru.metricarelay.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where queued records wait for a flush, and where the rows Metrica refuses are kept (the dead letter;
 * docs/architecture.md#queued-delivery). {@link #put} never blocks its caller (it runs on the event loop); every
 * other method blocks and is called from a worker thread.
 */
public interface QueueStore extends AutoCloseable {

    /** Stores one webhook's records; completes once they are durable, fails if they could not be stored. */
    CompletionStage<Void> put(List<QueuedRecord> records);

    /**
     * Up to {@code max} records, oldest first where the store knows the order, hidden from other flushes
     * for {@code hold}; stops early (fewer records) when {@code until} has passed. Nothing is removed yet.
     */
    List<Taken> take(int max, Duration hold, Instant until) throws Exception;

    /** Forgets records Metrica accepted. */
    void remove(List<Taken> done) throws Exception;

    /** Makes taken records that stay queued visible to the next flush at once. */
    void release(List<Taken> kept) throws Exception;

    /**
     * Moves taken rows to the dead letter, durably and with why: rows Metrica refused on their own, rows no upload
     * answered too often, entries that are not a record (SQLite: table dead_letter; SQS: the dead-letter queue).
     */
    void deadLetter(List<Taken> rows, DeadRow.Why why) throws Exception;

    /** Up to {@code limit} dead rows, oldest first where the store knows the order, hidden from others for {@code hold}. */
    List<DeadRow> dead(int limit, Duration hold) throws Exception;

    /** Puts dead rows back into the queue (a replay): the next flush sends them again, counted afresh. */
    void requeue(List<DeadRow> rows) throws Exception;

    /** Makes dead rows read by {@link #dead} visible again at once. */
    void releaseDead(List<DeadRow> rows) throws Exception;

    /**
     * Counts, durably and before the upload leaves, that these rows are being sent (docs/reliability.md#unanswered-uploads):
     * an upload whose answer never comes may still count in Metrica. Stores that cannot count (SQS) do nothing.
     */
    void countSend(List<Taken> rows) throws Exception;

    /** Takes the count back: Metrica answered, and did not take the upload. */
    void uncountSend(List<Taken> rows) throws Exception;

    /** A small real write: fails while the store cannot write (disk full, read-only file). */
    void probe() throws Exception;

    Stats stats() throws Exception;

    /** What an operator must hear at start-up about this store's setup (SQS without a dead-letter queue), if anything. */
    default Optional<String> setupWarning() {
        return Optional.empty();
    }

    @Override
    void close();

    /**
     * One taken entry: the store's handle for this take (row id, SQS receipt handle), the entry's own id, stable
     * across takes (row id, SQS message id), its position in the queue (for "latest state" ties), how many uploads
     * have carried it without an answer saying whether Metrica took it, and the record, or null when the entry could
     * not be read.
     */
    record Taken(String handle, String id, long seq, int sends, QueuedRecord record) {
    }

    /**
     * @param queued       records waiting (approximate for SQS)
     * @param oldestAgeS   age of the oldest, seconds; null when the store cannot tell (SQS) or is empty
     * @param byOutput     records per output kind; empty when the store cannot tell (SQS)
     * @param dead         rows in the dead letter (approximate for SQS; null when SQS has no dead-letter queue)
     */
    record Stats(long queued, Long oldestAgeS, Map<String, Long> byOutput, Long dead) {
    }
}
