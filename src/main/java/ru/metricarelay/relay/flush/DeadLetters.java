package ru.metricarelay.relay.flush;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.queue.DeadRow;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueStore;

/**
 * The dead letter of queued delivery (docs/reliability.md#dead-letter): lists what it holds, masked, and replays it by
 * putting the rows back into the queue and flushing at once, so they go out merged and batched like any queued row
 * (and a row Metrica refuses again comes back here with Metrica's new message). Blocking; on a worker thread.
 */
@Singleton
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    /** How long a listing hides SQS dead-letter messages from another reader; they are released right after. */
    private static final Duration HOLD = Duration.ofSeconds(30);

    private final Queue queue;
    private final Provider<Flusher> flusher;
    private final boolean relayDryRun;

    public DeadLetters(Queue queue, Provider<Flusher> flusher, DeliveryMode mode) {
        this.queue = queue;
        this.flusher = flusher;
        this.relayDryRun = mode.dryRun();
    }

    /** GET /queue/dead: the oldest {@code limit} dead rows, masked. */
    public DeadList list(int limit) throws Exception {
        QueueStore store = queue.store();
        List<DeadRow> rows = store.dead(limit, HOLD);
        try {
            return new DeadList(store.stats().dead(), rows.stream().map(DeadView::of).toList());
        } finally {
            store.releaseDead(rows);
        }
    }

    /**
     * POST /replay in queued mode: up to {@code limit} dead rows back into the queue, then one flush. Rows that are not
     * readable records stay for a human. A dry run (asked for, or the relay's own dry-run mode) lists and moves nothing.
     */
    public synchronized DeadReplay replay(int limit, boolean dryRunAsked) throws Exception {
        QueueStore store = queue.store();
        List<DeadRow> rows = store.dead(limit, HOLD);
        List<DeadRow> readable = rows.stream().filter(r -> r.record() != null).toList();
        List<DeadRow> unreadable = rows.stream().filter(r -> r.record() == null).toList();
        if (dryRunAsked || relayDryRun) {
            store.releaseDead(rows);
            return new DeadReplay(true, rows.size(), 0, unreadable.size(), store.stats().dead(),
                    readable.stream().map(DeadView::of).toList(), null);
        }
        try {
            store.requeue(readable);
        } finally {
            store.releaseDead(unreadable);
        }
        LOG.infof("replay: %d dead rows put back into the queue (%d unreadable kept); flushing", readable.size(), unreadable.size());
        FlushReport flush = flusher.get().flush();
        return new DeadReplay(false, rows.size(), readable.size(), unreadable.size(), store.stats().dead(), null, flush);
    }
}
