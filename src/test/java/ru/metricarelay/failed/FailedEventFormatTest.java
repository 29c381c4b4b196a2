package ru.metricarelay.failed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.metricarelay.stored.StoredSamples;

/**
 * Stored formats are pinned (docs/reliability.md#stored-formats): the failed event this relay writes equals its golden
 * file, and both sinks (file, SQS) give back events of this format and of the relay before formats had a number
 * (ca23169) that read as the same event; a newer format is not replayable here.
 */
class FailedEventFormatTest {

    static final String V1 = "failed-event-v1.json";
    static final String BEFORE_FORMATS = "failed-event-ca23169.json";
    static final FailedEvent EXPECTED = new FailedEvent(StoredSamples.FAILED, 502, "Metrica HTTP 400: wrong_parameter: bad goal",
            StoredSamples.routed());

    @TempDir
    Path dir;

    @Test
    void theEventThisRelayWritesEqualsItsGoldenFile() throws Exception {
        StoredSamples.assertWritesGolden(V1, EXPECTED);
    }

    @Test
    void theFileSinkReadsEventsOfEveryFormatItKnowsAsTheSameEvent() throws Exception {
        FileStore store = new FileStore(dir.resolve("failed.jsonl"));
        for (String line : lines()) {
            store.put(line);
        }
        assertRead(store.take(10, Duration.ofMinutes(1)));
    }

    @Test
    void theSqsSinkReadsEventsOfEveryFormatItKnowsAsTheSameEvent() throws Exception {
        ElasticMq elasticMq = new ElasticMq();
        Map<String, String> config = elasticMq.start();
        try (SqsStore store = SqsStore.open(new Sqs(config))) {
            for (String line : lines()) {
                store.put(line);
            }
            assertRead(store.take(10, Duration.ofMinutes(1)));
        } finally {
            elasticMq.stop();
        }
    }

    private static void assertRead(List<Store.Stored> stored) throws Exception {
        List<FailedEvent> events = new ArrayList<>();
        for (Store.Stored s : stored) {
            events.add(StoredSamples.JSON.readValue(s.json(), FailedEvent.class));
        }
        assertEquals(3, events.size());
        assertEquals(2, events.stream().filter(EXPECTED::equals).count(), events.toString());
        assertEquals(2, events.stream().filter(FailedEvent::readable).count());
        assertFalse(events.stream().filter(e -> !e.readable()).findFirst().orElseThrow().format() <= FailedEvent.FORMAT);
    }

    private static List<String> lines() {
        String v1 = StoredSamples.oneLine(V1);
        return List.of(v1, StoredSamples.oneLine(BEFORE_FORMATS), v1.replace("\"format\" : 1", "\"format\" : " + (FailedEvent.FORMAT + 1)));
    }

    /** The test ElasticMQ's failed-events queue, as the relay's settings would name it. */
    record Sqs(Map<String, String> config) implements FailedEventsConfig.Sqs {
        public Optional<String> queueUrl() {
            return Optional.of(config.get("relay.failed-events.sqs.queue-url"));
        }

        public Optional<String> endpoint() {
            return Optional.of(config.get("relay.failed-events.sqs.endpoint"));
        }

        public String region() {
            return config.get("relay.failed-events.sqs.region");
        }
    }
}
