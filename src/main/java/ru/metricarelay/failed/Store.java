package ru.metricarelay.failed;

import java.time.Duration;
import java.util.List;

/**
 * Where failed events are kept for replay (sink=file or sqs). Every method blocks: it is called on a
 * worker thread, never on the event loop.
 */
public interface Store extends AutoCloseable {

    /** Keeps one failed event (its JSON line) durably. */
    void put(String json) throws Exception;

    /**
     * Up to {@code limit} kept events, oldest first where the store knows the order; nothing is removed
     * yet. {@code hold}: how long other readers must not get them (SQS visibility), the replay's worst case.
     */
    List<Stored> take(int limit, Duration hold) throws Exception;

    /** Forgets the events Metrica took on replay. */
    void remove(List<Stored> done) throws Exception;

    /** Makes taken events that stay (failed again, unreadable, dry-run) available to the next replay at once. */
    void release(List<Stored> kept) throws Exception;

    /** How many events the store still holds (exact for a file, approximate for SQS). */
    long remaining() throws Exception;

    @Override
    void close();

    /** One kept event: its JSON as stored, and the store's own handle (an SQS receipt handle). */
    record Stored(String json, String handle) {
    }
}
