package ru.metricarelay.failed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Mask;
import ru.metricarelay.metrica.MetricaFailure;
import ru.metricarelay.routing.Routed;

/**
 * Records events Metrica did not take. Always one masked log line an operator can act on; with
 * sink=file (or sqs) also the full event, durably, for replay.
 */
@Singleton
public class FailedEvents {

    private static final Logger LOG = Logger.getLogger(FailedEvents.class);

    private final FailedEventsConfig config;
    private final ObjectMapper json;

    public FailedEvents(FailedEventsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    public void record(Routed routed, MetricaFailure failure) {
        logLine(routed, failure);
        if (config.sink() == FailedEventsConfig.Sink.FILE) {
            append(new FailedEvent(Instant.now(), failure.answerStatus(), failure.detail(), routed));
        }
    }

    private synchronized void append(FailedEvent event) {
        try {
            String line = json.writeValueAsString(event) + "\n";
            Files.writeString(config.file(), line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            LOG.errorf("could not append event %s to %s: %s", event.routed().eventId(), config.file(), e.getMessage());
        }
    }

    /** One line per failed record, masked, with what it takes to send it again. */
    private static void logLine(Routed r, MetricaFailure failure) {
        DealEvent e = r.event();
        var id = e.identity();
        LOG.errorf("metrica_failed event_id=%s source=%s output=%s status=%s revenue=%s currency=%s client_id=%s yclid=%s "
                        + "phones=%s emails=%s created_at=%s occurred_at=%s answer=%d error=%s",
                r.eventId(), r.source(), r.output(), r.orderStatus(), r.revenue(), r.currency(), id.clientId(), id.yclid(),
                id.phones().stream().map(Mask::phone).collect(Collectors.joining(",")),
                id.emails().stream().map(Mask::email).collect(Collectors.joining(",")),
                e.createdAt(), e.occurredAt(), failure.answerStatus(), failure.detail());
    }
}
