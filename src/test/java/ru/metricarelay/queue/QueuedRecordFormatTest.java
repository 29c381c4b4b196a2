package ru.metricarelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.metricarelay.failed.ElasticMq;
import ru.metricarelay.stored.StoredSamples;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Stored formats are pinned (docs/reliability.md#stored-formats): the queued row this relay writes equals its golden
 * file, and both stores read back rows written by this format and by the relay before formats had a number
 * (ca23169) as the same record, so an upgrade never sends queued rows to the dead letter. A row of a newer format is
 * not guessed at.
 */
class QueuedRecordFormatTest {

    static final String V1 = "queued-record-v1.json";
    static final String BEFORE_FORMATS = "queued-record-ca23169.json";
    static final QueuedRecord EXPECTED = new QueuedRecord(StoredSamples.RECEIVED, StoredSamples.routed());

    @TempDir
    Path dir;

    @Test
    void theRowThisRelayWritesEqualsItsGoldenFile() throws Exception {
        StoredSamples.assertWritesGolden(V1, EXPECTED);
    }

    @Test
    void sqliteReadsRowsOfEveryFormatItKnowsAsTheSameRecord() throws Exception {
        Path file = dir.resolve("relay-queue.db");
        try (SqliteQueue q = SqliteQueue.open(file, QueueConfig.Sync.NORMAL, 16, StoredSamples.JSON)) {
            insert(file, List.of(stored(V1), stored(BEFORE_FORMATS), newerFormat()));
            List<QueueStore.Taken> taken = q.take(10, Duration.ofMinutes(1), Instant.now().plusSeconds(10));
            assertEquals(EXPECTED, taken.get(0).record());
            assertEquals(EXPECTED, taken.get(1).record());
            assertNull(taken.get(2).record(), "a row of a newer format must be set aside, not read half");
        }
    }

    @Test
    void sqsReadsRowsOfEveryFormatItKnowsAsTheSameRecord() throws Exception {
        QueueElasticMq elasticMq = new QueueElasticMq();
        Map<String, String> config = elasticMq.start();
        try (SqsClient client = ElasticMq.client(config.get("relay.queue.sqs.endpoint"));
                SqsQueue q = new SqsQueue(client, config.get("relay.queue.sqs.url"), Optional.empty(), StoredSamples.JSON, Duration.ZERO)) {
            for (String body : List.of(stored(V1), stored(BEFORE_FORMATS), newerFormat())) {
                client.sendMessage(r -> r.queueUrl(config.get("relay.queue.sqs.url")).messageBody(body));
            }
            List<QueueStore.Taken> taken = q.take(10, Duration.ofMinutes(1), Instant.now().plusSeconds(10));
            assertEquals(3, taken.size());
            assertEquals(2, taken.stream().filter(t -> EXPECTED.equals(t.record())).count());
            assertEquals(1, taken.stream().filter(t -> t.record() == null).count());
        } finally {
            elasticMq.stop();
        }
    }

    static String stored(String golden) {
        return StoredSamples.oneLine(golden);
    }

    static String newerFormat() {
        return stored(V1).replace("\"format\" : 1", "\"format\" : " + (QueuedRecord.FORMAT + 1));
    }

    private static void insert(Path file, List<String> bodies) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                PreparedStatement insert = c.prepareStatement("INSERT INTO queue (received_at, output, body) VALUES (0, 'ORDER', ?)")) {
            for (String body : bodies) {
                insert.setString(1, body);
                insert.executeUpdate();
            }
        }
    }
}
