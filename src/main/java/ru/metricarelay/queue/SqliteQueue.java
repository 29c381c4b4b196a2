package ru.metricarelay.queue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * relay.queue=sqlite: one table in a SQLite file in WAL mode (docs/architecture.md#queued-delivery). Every write
 * goes through one writer thread that commits whatever has piled up as one transaction ("group commit"):
 * under load one fsync carries hundreds of webhooks, and no caller ever waits on a lock. Reads use a second
 * connection; WAL lets them run beside the writer. SQLite's own journal makes a kill -9 at any moment safe.
 */
final class SqliteQueue implements QueueStore {

    private static final Logger LOG = Logger.getLogger(SqliteQueue.class);
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL,
                output TEXT NOT NULL, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letter (id INTEGER PRIMARY KEY, received_at INTEGER, body TEXT NOT NULL,
                moved_at INTEGER NOT NULL)""";

    /** A unit of writing, run on the writer thread inside the current transaction. */
    private interface Write {
        void apply(Connection c) throws SQLException;
    }

    private record Task(Write write, CompletableFuture<Void> done) {
    }

    private final Path file;
    private final ObjectMapper json;
    private final int groupMax;
    private final Connection writer;
    private final Connection reader;
    private final BlockingQueue<Task> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closing;
    /** Transactions committed so far: fewer than the writes they carried, thanks to group commit. */
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

    private SqliteQueue(Path file, ObjectMapper json, int groupMax, Connection writer, Connection reader) {
        this.file = file;
        this.json = json;
        this.groupMax = Math.max(1, groupMax);
        this.writer = writer;
        this.reader = reader;
        this.thread = new Thread(this::writeLoop, "relay-queue-writer");
        thread.setDaemon(true);
        thread.start();
    }

    static SqliteQueue open(Path path, QueueConfig.Sync sync, int groupMax, ObjectMapper json) throws IOException, SQLException {
        Path file = path.toAbsolutePath();
        createPrivately(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(sync == QueueConfig.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        String url = "jdbc:sqlite:" + file;
        Connection writer = config.createConnection(url);
        try (Statement s = writer.createStatement()) {
            for (String ddl : SCHEMA.split(";")) {
                s.execute(ddl);
            }
        }
        writer.setAutoCommit(false);
        Connection reader = config.createConnection(url);
        return new SqliteQueue(file, json, groupMax, writer, reader);
    }

    @Override
    public CompletionStage<Void> put(List<QueuedRecord> records) {
        List<Object[]> rows = new ArrayList<>(records.size());
        try {
            for (QueuedRecord r : records) {
                rows.add(new Object[] {r.receivedAt().toEpochMilli(), r.routed().output().name(), json.writeValueAsString(r)});
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return submit(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO queue (received_at, output, body) VALUES (?, ?, ?)")) {
                for (Object[] row : rows) {
                    insert.setLong(1, (Long) row[0]);
                    insert.setString(2, (String) row[1]);
                    insert.setString(3, (String) row[2]);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    @Override
    public synchronized List<Taken> take(int max, Duration hold, Instant until) throws SQLException {
        List<Taken> taken = new ArrayList<>();
        try (PreparedStatement select = reader.prepareStatement("SELECT id, body FROM queue ORDER BY id LIMIT ?")) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    taken.add(new Taken(Long.toString(id), id, QueuedRecord.read(json, rs.getString(2))));
                }
            }
        }
        return taken;
    }

    @Override
    public void remove(List<Taken> done) throws Exception {
        if (!done.isEmpty()) {
            await(submit(c -> deleteAll(c, done)));
        }
    }

    @Override
    public void release(List<Taken> kept) {
        // a taken row never left the table; one relay process per file means no other flush holds it
    }

    @Override
    public void deadLetter(List<Taken> unreadable) throws Exception {
        if (unreadable.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        await(submit(c -> {
            try (PreparedStatement move = c.prepareStatement(
                    "INSERT INTO dead_letter (id, received_at, body, moved_at) SELECT id, received_at, body, ? FROM queue WHERE id = ?")) {
                for (Taken t : unreadable) {
                    move.setLong(1, now);
                    move.setLong(2, Long.parseLong(t.handle()));
                    move.addBatch();
                }
                move.executeBatch();
            }
            deleteAll(c, unreadable);
        }));
        LOG.errorf("%d queue rows are not readable records: moved to table dead_letter of %s for a human to look at",
                unreadable.size(), file);
    }

    @Override
    public synchronized Stats stats() throws SQLException {
        Map<String, Long> byOutput = new LinkedHashMap<>();
        long total = 0;
        Long oldest = null;
        try (Statement s = reader.createStatement();
                ResultSet rs = s.executeQuery("SELECT output, count(*), min(received_at) FROM queue GROUP BY output ORDER BY output")) {
            while (rs.next()) {
                long n = rs.getLong(2);
                long at = rs.getLong(3);
                byOutput.put(rs.getString(1), n);
                total += n;
                oldest = oldest == null ? at : Math.min(oldest, at);
            }
        }
        Long age = oldest == null ? null : Math.max(0, (System.currentTimeMillis() - oldest) / 1000);
        return new Stats(total, age, byOutput);
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            writer.close();
            reader.close();
        } catch (SQLException e) {
            LOG.warnf("closing the queue file %s: %s", file, e.getMessage());
        }
    }

    long commits() {
        return commits.get();
    }

    private CompletableFuture<Void> submit(Write write) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new IllegalStateException("the queue is closing"));
        } else {
            tasks.add(new Task(write, done));
        }
        return done;
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
            writer.rollback();
        } catch (SQLException e) {
            LOG.warnf("queue rollback failed: %s", e.getMessage());
        }
    }

    private static void deleteAll(Connection c, List<Taken> rows) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM queue WHERE id = ?")) {
            for (Taken t : rows) {
                delete.setLong(1, Long.parseLong(t.handle()));
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    private static void await(CompletableFuture<Void> write) throws Exception {
        try {
            write.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The file holds phones and e-mails in full: created readable by its owner only; SQLite's WAL files follow its mode. */
    private static void createPrivately(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        }
    }
}
