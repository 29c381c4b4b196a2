package ru.metricarelay.queue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Opening a queue file (docs/architecture.md#queued-delivery): one relay process per file, enforced by an exclusive
 * lock on a file beside it; the file created readable by its owner only; the tables made, or brought up to date
 * from an older relay's (columns are only ever added).
 */
final class SqliteFile {

    static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS queue (id INTEGER PRIMARY KEY AUTOINCREMENT, received_at INTEGER NOT NULL,
                output TEXT NOT NULL, body TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS dead_letter (id INTEGER PRIMARY KEY, received_at INTEGER, body TEXT NOT NULL,
                moved_at INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS probe (at INTEGER)""";
    /** Columns added since the first release (ca23169 and earlier had none of them): table, column, definition. */
    private static final String[][] ADDED = {
        {"queue", "sends", "INTEGER NOT NULL DEFAULT 0"},
        {"dead_letter", "reason", "TEXT"},
        {"dead_letter", "answer_status", "INTEGER"},
        {"dead_letter", "error", "TEXT"},
        {"dead_letter", "output", "TEXT"},
    };

    private SqliteFile() {
    }

    /**
     * The lock that makes this process the file's only relay; held until the returned lock is released (or the
     * process ends, however it ends). SQLite's own locks are POSIX locks on the database file, which Java must not
     * touch (closing any descriptor of that file would drop them), so the lock is on {@code <file>.lock}.
     */
    static FileLock lock(Path file) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ConfigurationException("the queue file " + file + " is in use by another relay process (it holds "
                    + lockFile + "). One relay per queue file: two would send every row twice. Stop the other relay, or give"
                    + " this one its own RELAY_QUEUE_PATH");
        }
        return lock;
    }

    /** The file holds phones and e-mails in full: created readable by its owner only; SQLite's WAL files follow its mode. */
    static void createPrivately(Path file) throws IOException {
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

    /** Makes the tables, and adds the columns a file from an older relay lacks; rows already queued stay as they are. */
    static void schema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA.split(";")) {
                s.execute(ddl);
            }
            for (String[] added : ADDED) {
                if (!columns(c, added[0]).contains(added[1])) {
                    s.execute("ALTER TABLE " + added[0] + " ADD COLUMN " + added[1] + " " + added[2]);
                }
            }
        }
    }

    private static Set<String> columns(Connection c, String table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (rs.next()) {
                names.add(rs.getString("name"));
            }
        }
        return names;
    }
}
