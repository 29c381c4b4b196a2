package ru.metricarelay.queue;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;
import org.sqlite.SQLiteConfig;

/**
 * relay.queue=sqlite: tables queue and dead_letter in a SQLite file in WAL mode (docs/architecture.md#queued-delivery).
 * Every write goes through one {@link SqliteWriter} thread (group commit); reads use a second connection, which WAL
 * lets run beside the writer. SQLite's own journal makes a kill -9 at any moment safe; a lock beside the file
 * ({@link SqliteFile#lock}) keeps a second relay process off it.
 */
final class SqliteQueue implements QueueStore {

    private static final Logger LOG = Logger.getLogger(SqliteQueue.class);

    private final Path file;
    private final ObjectMapper json;
    private final FileLock lock;
    private final Connection writerConnection;
    private final Connection reader;
    private final SqliteWriter writer;

    private SqliteQueue(Path file, ObjectMapper json, FileLock lock, int groupMax, Connection writer, Connection reader) {
        this.file = file;
        this.json = json;
        this.lock = lock;
        this.writerConnection = writer;
        this.reader = reader;
        this.writer = new SqliteWriter(writer, groupMax);
    }

    static SqliteQueue open(Path path, QueueConfig.Sync sync, int groupMax, ObjectMapper json) throws IOException, SQLException {
        Path file = path.toAbsolutePath();
        SqliteFile.createPrivately(file);
        FileLock lock = SqliteFile.lock(file);
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(sync == QueueConfig.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
            config.setBusyTimeout(5_000);
            String url = "jdbc:sqlite:" + file;
            Connection writer = config.createConnection(url);
            SqliteFile.schema(writer);
            writer.setAutoCommit(false);
            Connection reader = config.createConnection(url);
            return new SqliteQueue(file, json, lock, groupMax, writer, reader);
        } catch (SQLException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
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
        return writer.submit(c -> {
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
        try (PreparedStatement select = reader.prepareStatement("SELECT id, sends, body FROM queue ORDER BY id LIMIT ?")) {
            select.setInt(1, max);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    taken.add(new Taken(Long.toString(id), Long.toString(id), id, rs.getInt(2), QueuedRecord.read(json, rs.getString(3))));
                }
            }
        }
        return taken;
    }

    @Override
    public void remove(List<Taken> done) throws Exception {
        if (!done.isEmpty()) {
            writer.run(c -> each(c, "DELETE FROM queue WHERE id = ?", done.stream().map(Taken::handle).toList()));
        }
    }

    @Override
    public void release(List<Taken> kept) {
        // a taken row never left the table; one relay process per file means no other flush holds it
    }

    @Override
    public void countSend(List<Taken> rows) throws Exception {
        if (!rows.isEmpty()) {
            writer.run(c -> each(c, "UPDATE queue SET sends = sends + 1 WHERE id = ?", rows.stream().map(Taken::handle).toList()));
        }
    }

    @Override
    public void uncountSend(List<Taken> rows) throws Exception {
        if (!rows.isEmpty()) {
            writer.run(c -> each(c, "UPDATE queue SET sends = max(0, sends - 1) WHERE id = ?", rows.stream().map(Taken::handle).toList()));
        }
    }

    @Override
    public void deadLetter(List<Taken> rows, DeadRow.Why why) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        writer.run(c -> {
            try (PreparedStatement move = c.prepareStatement("INSERT INTO dead_letter (id, received_at, body, moved_at, reason,"
                    + " answer_status, error, output) SELECT id, received_at, body, ?, ?, ?, ?, output FROM queue WHERE id = ?")) {
                for (Taken t : rows) {
                    move.setLong(1, now);
                    move.setString(2, why.reason().name());
                    move.setInt(3, why.answerStatus());
                    move.setString(4, why.error());
                    move.setLong(5, Long.parseLong(t.handle()));
                    move.addBatch();
                }
                move.executeBatch();
            }
            each(c, "DELETE FROM queue WHERE id = ?", rows.stream().map(Taken::handle).toList());
        });
        LOG.errorf("%d queued rows moved to the dead letter (table dead_letter of %s): %s; GET /queue/dead lists them,"
                + " POST /replay sends them again", rows.size(), file, why.error());
    }

    @Override
    public synchronized List<DeadRow> dead(int limit, Duration hold) throws SQLException {
        List<DeadRow> dead = new ArrayList<>();
        try (PreparedStatement select = reader.prepareStatement(
                "SELECT id, moved_at, reason, answer_status, error, body FROM dead_letter ORDER BY moved_at, id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    String reason = rs.getString(3);
                    // rows set aside by a relay before dead letters had reasons were all unreadable ones
                    DeadRow.Why why = reason == null ? DeadRow.Why.unreadable()
                            : new DeadRow.Why(DeadRow.Reason.valueOf(reason), rs.getInt(4), rs.getString(5));
                    String body = rs.getString(6);
                    dead.add(new DeadRow(Long.toString(rs.getLong(1)), Instant.ofEpochMilli(rs.getLong(2)), why, body,
                            QueuedRecord.read(json, body)));
                }
            }
        }
        return dead;
    }

    @Override
    public void requeue(List<DeadRow> rows) throws Exception {
        if (rows.isEmpty()) {
            return;
        }
        List<String> ids = rows.stream().map(DeadRow::handle).toList();
        // one transaction: a row is in the queue or in the dead letter, never in both or neither
        writer.run(c -> {
            each(c, "INSERT INTO queue (received_at, output, body) SELECT coalesce(received_at, moved_at),"
                    + " coalesce(output, 'UNKNOWN'), body FROM dead_letter WHERE id = ?", ids);
            each(c, "DELETE FROM dead_letter WHERE id = ?", ids);
        });
    }

    @Override
    public void releaseDead(List<DeadRow> rows) {
        // read, not hidden: nothing to give back
    }

    @Override
    public void probe() throws Exception {
        writer.run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO probe (at) VALUES (" + System.currentTimeMillis() + ")");
                s.execute("DELETE FROM probe");
            }
        });
    }

    @Override
    public synchronized Stats stats() throws SQLException {
        Map<String, Long> byOutput = new LinkedHashMap<>();
        long total = 0;
        Long oldest = null;
        long dead;
        try (Statement s = reader.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT output, count(*), min(received_at) FROM queue GROUP BY output ORDER BY output")) {
                while (rs.next()) {
                    long n = rs.getLong(2);
                    long at = rs.getLong(3);
                    byOutput.put(rs.getString(1), n);
                    total += n;
                    oldest = oldest == null ? at : Math.min(oldest, at);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM dead_letter")) {
                dead = rs.next() ? rs.getLong(1) : 0;
            }
        }
        Long age = oldest == null ? null : Math.max(0, (System.currentTimeMillis() - oldest) / 1000);
        return new Stats(total, age, byOutput, dead);
    }

    @Override
    public void close() {
        writer.close();
        try {
            writerConnection.close();
            reader.close();
        } catch (SQLException e) {
            LOG.warnf("closing the queue file %s: %s", file, e.getMessage());
        }
        try {
            lock.channel().close(); // releases the lock
        } catch (IOException e) {
            LOG.warnf("releasing the lock of %s: %s", file, e.getMessage());
        }
    }

    long commits() {
        return writer.commits();
    }

    /** Runs one statement with one id parameter for each of the ids, as a batch. */
    private static void each(Connection c, String sql, List<String> ids) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (String id : ids) {
                statement.setLong(1, Long.parseLong(id));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
