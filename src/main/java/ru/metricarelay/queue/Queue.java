package ru.metricarelay.queue;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import ru.metricarelay.event.Routed;

/**
 * The queue of queued delivery, opened on first use (docs/architecture.md#queued-delivery). Application-scoped, so
 * a relay in direct mode never creates it: no SQLite file, no SQS client, not even their classes.
 */
@ApplicationScoped
public class Queue {

    private static final Logger LOG = Logger.getLogger(Queue.class);

    private final QueueConfig config;
    private final ObjectMapper json;
    private final QueueHealth health = new QueueHealth();
    private volatile QueueStore store;

    public Queue(QueueConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** Stores one webhook's sendable records; the item arrives once they are durable. */
    public Uni<Void> put(List<Routed> records, Instant receivedAt) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<QueuedRecord> queued = records.stream().map(r -> new QueuedRecord(receivedAt, r)).toList();
        return Uni.createFrom().deferred(() -> Uni.createFrom().completionStage(store().put(queued)))
                .onFailure().invoke(e -> health.store().raise("a webhook could not be stored: " + e.getMessage()));
    }

    /** Why rows are not leaving, if something keeps them (token refused, store cannot write). */
    public QueueHealth health() {
        return health;
    }

    /**
     * Whether the store can write now: at once when no write has failed, else by a small real write
     * (docs/reliability.md#disk-full). Readiness asks this.
     */
    public boolean writable() {
        if (health.store().trouble().isEmpty()) {
            return true;
        }
        try {
            store().probe();
            health.store().clear();
            return true;
        } catch (Exception e) {
            health.store().raise("the queue cannot write: " + e.getMessage());
            return false;
        }
    }

    /** The store, opened on first use (blocking: a file or a client is made). */
    public QueueStore store() {
        QueueStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = open();
                }
                s = store;
            }
        }
        return s;
    }

    private QueueStore open() {
        try {
            QueueStore opened = config.backend() == QueueConfig.Backend.SQS
                    ? SqsQueue.open(config.sqs(), json)
                    : SqliteQueue.open(config.path(), config.sync(), config.groupCommitMax(), json);
            LOG.infof("queued delivery: records are kept in %s", config.backend() == QueueConfig.Backend.SQS
                    ? "SQS queue " + config.sqs().url().orElse("?") : "SQLite file " + config.path().toAbsolutePath());
            return opened;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the queue: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        QueueStore s = store;
        if (s != null) {
            s.close();
        }
    }
}
