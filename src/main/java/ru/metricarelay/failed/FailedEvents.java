package ru.metricarelay.failed;

import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Mask;
import ru.metricarelay.event.Routed;

/**
 * Records events Metrica did not take. Always one masked log line an operator can act on; with
 * sink=file or sqs also the full event, durably, for {@link Replay}. The durable write runs on a
 * worker thread ({@link #record} is called on the event loop); the SQS client is made on first use.
 */
@Singleton
public class FailedEvents {

    private static final Logger LOG = Logger.getLogger(FailedEvents.class);

    private final FailedEventsConfig config;
    private final ObjectMapper json;
    private final Executor worker;
    /** Events a replay is sending right now: if they fail again, the sink already holds them. */
    private final Set<Routed> replaying = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Set<CompletableFuture<Void>> writing = ConcurrentHashMap.newKeySet();
    private volatile Store store;
    private final FailureLog failureLog;
    private MeterRegistry registry;

    @Inject
    public FailedEvents(FailedEventsConfig config, ObjectMapper json, MeterRegistry registry) {
        // looked up per task: Quarkus installs its worker pool as Mutiny's default during start-up
        this(config, json, task -> Infrastructure.getDefaultWorkerPool().execute(task));
        this.registry = registry;
    }

    FailedEvents(FailedEventsConfig config, ObjectMapper json) {
        this(config, json, task -> Infrastructure.getDefaultWorkerPool().execute(task));
    }

    FailedEvents(FailedEventsConfig config, ObjectMapper json, Executor worker) {
        this.config = config;
        this.json = json;
        this.worker = worker;
        this.failureLog = new FailureLog(config.log().interval(), config.log().first(), LOG::error,
                wait -> Uni.createFrom().voidItem().onItem().delayIt().by(wait).subscribe().with(ok -> flushLog()));
    }

    /** Writes the summary of an interval that is over (the timer's call). */
    void flushLog() {
        failureLog.flush();
    }

    /** Ends the current log interval now, writing its summary (shutdown; tests). */
    void endLogInterval() {
        failureLog.flushNow();
    }

    /** What makes the sink unusable, found at start-up (relay/operator/SetupWarnings) without building it. */
    public static Optional<String> setupProblem(FailedEventsConfig config) {
        return config.sink() == FailedEventsConfig.Sink.SQS && config.sqs().queueUrl().filter(u -> !u.isBlank()).isEmpty()
                ? Optional.of("relay.failed-events.sink=sqs needs relay.failed-events.sqs.queue-url") : Optional.empty();
    }

    /**
     * Logs the event and, with a durable sink, stores it in the background.
     *
     * @return completes when the event is stored (at once for sink=log, or for a replay's own
     *         failure); fails if it could not be stored, which is also logged. Callers may ignore it.
     */
    public CompletionStage<Void> record(Routed routed, int answerStatus, String error) {
        boolean replay = replaying.contains(routed);
        if (registry != null) {
            Counter.builder("relay.failed.events").description("events Metrica did not take, each logged or counted and handed to the sink")
                    .tags("source", routed.source(), "answer", Integer.toString(answerStatus)).register(registry).increment();
        }
        failureLog.record(routed.eventId(), answerStatus, config.sink() == FailedEventsConfig.Sink.LOG
                ? "sink=log: events not logged in full are not kept; set relay.failed-events.sink=file or sqs to keep every one"
                : "sink=" + config.sink().name().toLowerCase(java.util.Locale.ROOT) + " keeps every event for POST /replay",
                () -> logLine(routed, answerStatus, error, replay));
        if (config.sink() == FailedEventsConfig.Sink.LOG || replay) {
            return CompletableFuture.completedFuture(null);
        }
        String line;
        try {
            line = json.writeValueAsString(new FailedEvent(Instant.now(), answerStatus, error, routed));
        } catch (JsonProcessingException e) {
            LOG.errorf("event %s NOT stored for replay: not serialisable: %s", routed.eventId(), e.getOriginalMessage());
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> stored = CompletableFuture.runAsync(() -> put(line), worker);
        writing.add(stored);
        stored.whenComplete((ok, storeError) -> {
            writing.remove(stored);
            if (storeError != null) {
                Throwable cause = storeError.getCause() != null ? storeError.getCause() : storeError;
                LOG.errorf("event %s NOT stored for replay (sink=%s): %s", routed.eventId(), config.sink(), cause.toString());
            }
        });
        return stored;
    }

    /** Completes when every store started so far has finished (well or not). */
    public CompletionStage<Void> settled() {
        return CompletableFuture.allOf(writing.toArray(CompletableFuture[]::new)).handle((ok, error) -> null);
    }

    /** Sends a stored event again; a failure is logged but not stored a second time (see {@link #record}). */
    public <T> Uni<T> replaying(Routed routed, Supplier<Uni<T>> send) {
        return Uni.createFrom().deferred(() -> {
            replaying.add(routed);
            return send.get();
        }).onTermination().invoke(() -> replaying.remove(routed));
    }

    /** The durable store; null for sink=log. Made on first use (the SQS client only when needed). */
    public Store store() {
        if (config.sink() == FailedEventsConfig.Sink.LOG) {
            return null;
        }
        Store s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    store = config.sink() == FailedEventsConfig.Sink.FILE ? new FileStore(config.file()) : SqsStore.open(config.sqs());
                }
                s = store;
            }
        }
        return s;
    }

    FailedEventsConfig.Sink sink() {
        return config.sink();
    }

    private void put(String line) {
        try {
            store().put(line);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** On shutdown, give writes in flight a moment, so an event failing during a redeploy is not lost. */
    @PreDestroy
    void close() {
        endLogInterval();
        try {
            settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warnf("failed events still being stored at shutdown: %d", writing.size());
        }
        Store s = store;
        if (s != null) {
            s.close();
        }
    }

    /** One line per failed record, masked, with what it takes to send it again. */
    private static void logLine(Routed r, int answerStatus, String error, boolean replay) {
        DealEvent e = r.event();
        var id = e.identity();
        LOG.errorf("metrica_failed event_id=%s source=%s output=%s status=%s revenue=%s currency=%s client_id=%s yclid=%s "
                        + "phones=%s emails=%s created_at=%s occurred_at=%s answer=%d error=%s%s",
                r.eventId(), r.source(), r.output(), r.orderStatus(), r.revenue(), r.currency(), id.clientId(), id.yclid(),
                id.phones().stream().map(Mask::phone).collect(Collectors.joining(",")),
                id.emails().stream().map(Mask::email).collect(Collectors.joining(",")),
                e.createdAt(), e.occurredAt(), answerStatus, error,
                replay ? " replay=true (kept in the sink)" : "");
    }
}
