package ru.metricarelay.queue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

/**
 * The one thread that writes a queue file (docs/architecture.md#queued-delivery): it commits whatever has piled up as
 * one transaction ("group commit"), so under load one fsync carries hundreds of webhooks and no caller ever waits on
 * a lock. A write that fails alone fails only its own caller.
 */
final class SqliteWriter {

    private static final Logger LOG = Logger.getLogger(SqliteWriter.class);
    /** How long a blocking caller waits for its write to commit. */
    private static final long AWAIT_S = 30;

    /** A unit of writing, run on the writer thread inside the current transaction. */
    interface Write {
        void apply(Connection c) throws SQLException;
    }

    private record Task(Write write, CompletableFuture<Void> done) {
    }

    private final Connection writer;
    private final int groupMax;
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** Transactions committed so far: fewer than the writes they carried, thanks to group commit. */
    private final AtomicLong commits = new AtomicLong();

    SqliteWriter(Connection writer, int groupMax) {
        this.writer = writer;
        this.groupMax = Math.max(1, groupMax);
        this.thread = new Thread(this::writeLoop, "relay-queue-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(Write write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("the queue is closing"));
        } else {
            tasks.add(new Task(write, done));
        }
        return done;
    }

    /** Submits and waits for the commit; the write's own SQLException when it failed. */
    void run(Write write) throws Exception {
        try {
            submit(write).get(AWAIT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    long commits() {
        return commits.get();
    }

    /** Lets the writes already submitted commit, then ends the thread (the connection is the caller's to close). */
    void close() {
        closing = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Group commit: everything that piled up while the last commit ran goes into the next transaction. */
    private void writeLoop() {
        List<Task> group = new ArrayList<>();
        while (!(closing && tasks.isEmpty())) {
            try {
                Task first = tasks.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                tasks.drainTo(group, groupMax - 1);
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Task> group) {
        try {
            for (Task t : group) {
                t.write().apply(writer);
            }
            writer.commit();
            commits.incrementAndGet();
            group.forEach(t -> t.done().complete(null));
        } catch (SQLException groupFailed) {
            rollback();
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailed);
                return;
            }
            // one bad write must not fail the others: each on its own
            for (Task t : group) {
                commit(List.of(t));
            }
        }
    }

    private void rollback() {
        try {
            writer.rollback(); // the driver begins the next transaction right after it
        } catch (SQLException alreadyRolledBack) {
            // after an I/O error (a full disk) SQLite may have rolled the transaction back itself: the driver's ROLLBACK
            // fails, and without a BEGIN every later write would commit on its own, outside any transaction
            try (Statement s = writer.createStatement()) {
                s.execute("BEGIN");
            } catch (SQLException e) {
                LOG.warnf("the queue could not begin a transaction: %s", e.getMessage());
            }
        }
    }
}
