package ru.metricarelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;

/** relay.queue=sqlite without Quarkus: durable, exact round trip, group commit under concurrent writers, private file. */
class SqliteQueueTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @TempDir
    Path dir;

    static QueuedRecord record(int n) {
        DealEvent event = DealEvent.builder("generic", "default", "d-" + n)
                .identity(Identity.builder().clientId("1674202831464027743").phone("+7 999 000 11 22").build())
                .revenue(new BigDecimal("1500.50")).at(Instant.parse("2025-06-01T08:00:00Z")).build();
        Routed routed = new Routed(event.eventId(), "generic", Output.ORDER, null, event, "PAID", new BigDecimal("1500.50"), null,
                "RUB", List.of(), null);
        return new QueuedRecord(Instant.parse("2025-06-01T09:00:00Z").plusMillis(n), routed);
    }

    SqliteQueue open() throws Exception {
        return SqliteQueue.open(dir.resolve("q/relay-queue.db"), QueueConfig.Sync.FULL, 512, JSON);
    }

    static List<QueueStore.Taken> takeAll(QueueStore q) throws Exception {
        return q.take(100_000, Duration.ofMinutes(1), Instant.now().plusSeconds(30));
    }

    @Test
    void recordsComeBackExactlyInOrderAndSurviveAReopen() throws Exception {
        try (SqliteQueue q = open()) {
            q.put(List.of(record(1), record(2))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            q.put(List.of(record(3))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (SqliteQueue q = open()) {
            List<QueueStore.Taken> taken = takeAll(q);
            assertEquals(List.of(record(1), record(2), record(3)), taken.stream().map(QueueStore.Taken::record).toList());
            QueueStore.Stats stats = q.stats();
            assertEquals(3, stats.queued());
            assertEquals(java.util.Map.of("ORDER", 3L), stats.byOutput());
            q.remove(taken.subList(0, 2));
            assertEquals(1, q.stats().queued());
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve("q/relay-queue.db")));
        }
    }

    @Test
    void concurrentWritersShareCommits() throws Exception {
        int writers = 16;
        int each = 100;
        try (SqliteQueue q = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int base = w * each;
                done.add(CompletableFuture.runAsync(() -> {
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(q.put(List.of(record(base + i))).toCompletableFuture());
                    }
                    mine.forEach(CompletableFuture::join);
                }, pool));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            pool.shutdown();
            assertEquals(writers * each, q.stats().queued());
            assertTrue(q.commits() < writers * each / 2, "group commit: " + q.commits() + " commits for " + writers * each + " writes");
        }
    }

    @Test
    void anUnreadableRowIsMovedAsideNotLost() throws Exception {
        try (SqliteQueue q = open()) {
            q.put(List.of(record(1))).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q/relay-queue.db"));
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO queue (received_at, output, body) VALUES (0, 'ORDER', '{\"not\":\"a record')");
        }
        try (SqliteQueue q = open()) {
            List<QueueStore.Taken> taken = takeAll(q);
            assertEquals(2, taken.size());
            assertNull(taken.get(1).record());
            q.deadLetter(List.of(taken.get(1)), DeadRow.Why.unreadable());
            assertEquals(1, q.stats().queued());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q/relay-queue.db"));
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM dead_letter")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void oneRelayPerQueueFileASecondOpenIsRefusedUntilTheFirstCloses() throws Exception {
        try (SqliteQueue first = open()) {
            var refused = org.junit.jupiter.api.Assertions.assertThrows(io.quarkus.runtime.configuration.ConfigurationException.class,
                    this::open);
            assertTrue(refused.getMessage().contains("in use by another relay process"), refused.getMessage());
            assertTrue(refused.getMessage().contains("relay-queue.db.lock"), refused.getMessage());
        }
        try (SqliteQueue again = open()) {
            assertEquals(0, again.stats().queued());
        }
    }

    @Test
    void theFileIsInWalMode() throws Exception {
        try (SqliteQueue q = open()) {
            q.put(List.of(record(1))).toCompletableFuture().get(5, TimeUnit.SECONDS);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q/relay-queue.db"));
                    Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                assertTrue(rs.next());
                assertEquals("wal", rs.getString(1));
            }
        }
    }
}
