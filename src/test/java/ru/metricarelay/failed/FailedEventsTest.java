package ru.metricarelay.failed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;

/**
 * sink=file: one JSON line per failed event, complete enough to rebuild it exactly for replay, written
 * off the caller's thread, private, and rewritten safely by replay. No Quarkus boot.
 */
class FailedEventsTest {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Config(Sink sink, Path file) implements FailedEventsConfig {
        public Log log() {
            return new Log() {
                public Duration interval() {
                    return Duration.ZERO;
                }

                public int first() {
                    return 5;
                }
            };
        }

        public Sqs sqs() {
            return new Sqs() {
                public Optional<String> queueUrl() {
                    return Optional.empty(); // sink=sqs without a queue: fails on first use, not before
                }

                public Optional<String> endpoint() {
                    return Optional.empty();
                }

                public String region() {
                    return "eu-central-1";
                }
            };
        }
    }

    static Routed routed(String id) {
        DealEvent event = DealEvent.builder("bitrix24", "portal.bitrix24.ru", id)
                .identity(Identity.builder().clientId("1674202831464027743").phone("+79990001122").email("client@example.com").build())
                .status("S").revenue(new BigDecimal("1000000.00")).currency("RUB")
                .createdAt(Instant.parse("2024-08-30T12:29:00Z")).occurredAt(Instant.parse("2024-09-09T09:02:00Z"))
                .goal(new Goal("deal_won", new BigDecimal("10.5"))).call(new PhoneCall("79990001122", 187, 9, false, true, "t", "u"))
                .output(Output.ORDER).build();
        return new Routed(event.eventId(), "bitrix24", Output.ORDER, null, event, "PAID", new BigDecimal("1000000.00"),
                null, "RUB", event.goals(), "target");
    }

    @Test
    void fileSinkAppendsOneReplayableLinePerEvent() throws Exception {
        Path file = dir.resolve("failed.jsonl");
        FailedEvents sink = new FailedEvents(new Config(FailedEventsConfig.Sink.FILE, file), JSON);
        sink.record(routed("410"), 503, "Metrica HTTP 503: backend_error").toCompletableFuture().join();
        sink.record(routed("411"), 502, "Metrica HTTP 400: invalid_uploading").toCompletableFuture().join();

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        FailedEvent first = JSON.readValue(lines.get(0), FailedEvent.class);
        assertEquals(routed("410"), first.routed(), "the event must come back exactly as it was");
        assertEquals(503, first.answerStatus());
        assertEquals(502, JSON.readValue(lines.get(1), FailedEvent.class).answerStatus());
        assertTrue(lines.get(0).contains("\"failed_at\""));
    }

    @Test
    void logSinkWritesNoFile() {
        Path file = dir.resolve("none.jsonl");
        new FailedEvents(new Config(FailedEventsConfig.Sink.LOG, file), JSON)
                .record(routed("1"), 503, "circuit open").toCompletableFuture().join();
        assertTrue(Files.notExists(file));
    }

    @Test
    void theFileIsCreatedReadableByItsOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("deeper/dir/failed.jsonl");
        new FailedEvents(new Config(FailedEventsConfig.Sink.FILE, file), JSON)
                .record(routed("7"), 503, "circuit open").toCompletableFuture().join();
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));

        FileStore store = new FileStore(file);
        store.remove(store.take(1, Duration.ZERO));
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file), "the rewrite widened it");
    }

    @Test
    void theStoreRunsOnTheWorkerNotTheCallersThread() {
        Path file = dir.resolve("failed.jsonl");
        List<Runnable> queued = new ArrayList<>();
        FailedEvents sink = new FailedEvents(new Config(FailedEventsConfig.Sink.FILE, file), JSON, queued::add);
        CompletableFuture<Void> stored = sink.record(routed("8"), 503, "x").toCompletableFuture();
        assertTrue(Files.notExists(file), "record() wrote on the caller's thread (the event loop)");
        assertFalse(stored.isDone());
        assertFalse(sink.settled().toCompletableFuture().isDone(), "settled() must wait for the write in flight");
        queued.forEach(Runnable::run);
        assertTrue(stored.isDone() && !stored.isCompletedExceptionally());
        assertTrue(sink.settled().toCompletableFuture().isDone());
        assertEquals(1, lines(file).size());
    }

    @Test
    void sqsWithoutAQueueFailsOnFirstUseAndSaysSo() {
        FailedEvents sink = new FailedEvents(new Config(FailedEventsConfig.Sink.SQS, dir.resolve("x")), JSON);
        CompletableFuture<Void> stored = sink.record(routed("9"), 503, "x").toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> stored.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("queue-url"), e.getCause().toString());
    }

    @Test
    void aReplaysOwnFailureIsNotStoredTwice() {
        Path file = dir.resolve("failed.jsonl");
        FailedEvents sink = new FailedEvents(new Config(FailedEventsConfig.Sink.FILE, file), JSON);
        Routed again = routed("12");
        sink.replaying(again, () -> Uni.createFrom().completionStage(
                sink.record(again, 503, "still down"))).await().indefinitely();
        assertTrue(Files.notExists(file), "a replayed event that failed again was stored a second time");

        sink.record(again, 503, "down").toCompletableFuture().join(); // outside replay: stored
        assertEquals(1, lines(file).size());
    }

    @Test
    void removingReplayedLinesKeepsOthersAndLinesAddedMeanwhile() throws Exception {
        Path file = dir.resolve("failed.jsonl");
        FileStore store = new FileStore(file);
        store.put("{\"a\":1}");
        store.put("{\"b\":2}");
        store.put("{\"a\":1}"); // the same line twice: one replay removes one of them
        List<Store.Stored> taken = store.take(2, Duration.ZERO);
        assertEquals(List.of("{\"a\":1}", "{\"b\":2}"), taken.stream().map(Store.Stored::json).toList());
        store.put("{\"c\":3}"); // failed while the replay was sending

        store.remove(List.of(taken.get(0)));
        assertEquals(List.of("{\"b\":2}", "{\"a\":1}", "{\"c\":3}"), lines(file));
        assertEquals(3, store.remaining());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "the temp file was left behind");
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
