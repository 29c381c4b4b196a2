package ru.metricarelay.failed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.metricarelay.event.Call;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.routing.Routed;

/** sink=file: one JSON line per failed event, complete enough to rebuild it exactly for replay. */
class FailedEventsTest {

    @TempDir
    Path dir;

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Config(Sink sink, Path file) implements FailedEventsConfig {
        public Sqs sqs() {
            return new Sqs() {
                public Optional<String> queueUrl() {
                    return Optional.empty();
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
                .goal(new Goal("deal_won", new BigDecimal("10.5"))).call(new Call("79990001122", 187, 9, false, true, "t", "u"))
                .output(Output.ORDER).build();
        return new Routed(event.eventId(), "bitrix24", Output.ORDER, null, event, "PAID", new BigDecimal("1000000.00"),
                null, "RUB", event.goals(), "target");
    }

    @Test
    void fileSinkAppendsOneReplayableLinePerEvent() throws Exception {
        Path file = dir.resolve("failed.jsonl");
        FailedEvents sink = new FailedEvents(new Config(FailedEventsConfig.Sink.FILE, file), JSON);
        sink.record(routed("410"), new MetricaFailure.Transient("Metrica HTTP 503: backend_error", null));
        sink.record(routed("411"), new MetricaFailure.Rejected(400, "Metrica HTTP 400: invalid_uploading"));

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
                .record(routed("1"), new MetricaFailure.Unavailable("circuit open"));
        assertTrue(Files.notExists(file));
    }
}
