package ru.metricarelay.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.Routed;
import ru.metricarelay.failed.FailedEvent;
import ru.metricarelay.failed.FailedEvents;
import ru.metricarelay.failed.Store;

/**
 * Re-sends stored failed events through the {@link Dispatcher}, one by one, each with a fresh deadline.
 * Events Metrica takes leave the sink; the others stay, once: their second failure is logged, not stored
 * again. A dry run (asked for, or the relay's own dry-run mode) shows the requests and removes nothing.
 * One replay at a time, so two calls never send the same event twice; blocking, on a worker thread.
 */
@Singleton
public class Replay {

    private static final Logger LOG = Logger.getLogger(Replay.class);

    private final FailedEvents failedEvents;
    private final Dispatcher dispatcher;
    private final RelayConfig relay;
    private final ObjectMapper json;
    private final boolean relayDryRun;

    public Replay(FailedEvents failedEvents, Dispatcher dispatcher, RelayConfig relay, DeliveryMode mode, ObjectMapper json) {
        this.failedEvents = failedEvents;
        this.dispatcher = dispatcher;
        this.relay = relay;
        this.json = json;
        this.relayDryRun = mode.dryRun();
    }

    public synchronized ReplayResponse run(int limit, boolean dryRunAsked) throws Exception {
        Store store = failedEvents.store();
        if (store == null) {
            throw RelayProblem.notFound("nothing to replay: relay.failed-events.sink=log keeps no events; use file or sqs");
        }
        boolean dryRun = dryRunAsked || relayDryRun;
        Duration perEvent = relay.deadline().plusSeconds(1);
        List<Store.Stored> taken = store.take(limit, perEvent.multipliedBy(limit).plusMinutes(1));
        List<Store.Stored> done = new ArrayList<>();
        List<Store.Stored> kept = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        int failedAgain = 0;
        int unreadable = 0;
        try {
            for (Store.Stored stored : taken) {
                FailedEvent event = parse(stored);
                if (event == null) {
                    unreadable++;
                    kept.add(stored);
                } else if (dryRun) {
                    // one event per call: its requests carry no other event, so they stay in its result (no shared list)
                    results.addAll(dispatcher.dryRun(List.of(event.routed()), event.failedAt()).await().indefinitely().results());
                    kept.add(stored);
                } else if (resend(event, results)) {
                    done.add(stored);
                } else {
                    failedAgain++;
                    kept.add(stored);
                }
            }
        } finally {
            store.remove(done);
            store.release(kept);
        }
        LOG.infof("replay: read %d, replayed %d, failed again %d, unreadable %d%s", taken.size(), done.size(), failedAgain,
                unreadable, dryRun ? " (dry run)" : "");
        return new ReplayResponse(dryRun, taken.size(), done.size(), failedAgain, unreadable, store.remaining(), results);
    }

    /** @return whether Metrica took the event; its result is added either way */
    private boolean resend(FailedEvent event, List<Result> results) {
        Routed routed = event.routed();
        // the event's own times are sent as they were; failed_at stands in for the lost receipt time
        try {
            results.addAll(failedEvents.replaying(routed,
                            () -> dispatcher.send(List.of(routed), event.failedAt(), Deadline.in(relay.deadline())))
                    .await().atMost(relay.deadline().plusMillis(500)));
            return true;
        } catch (RelayProblem problem) { // 502/503: Dispatcher lists the event's fate
            List<Result> listed = problem.toProblem(null).results();
            results.addAll(listed != null ? listed : List.of(failed(routed, problem.getMessage())));
        } catch (RuntimeException e) { // the backstop timeout, or a bug of ours: keep the event
            LOG.errorf("replay of %s failed: %s", routed.eventId(), e.toString());
            results.add(failed(routed, "not sent: " + e.getClass().getSimpleName()));
        }
        return false;
    }

    private FailedEvent parse(Store.Stored stored) {
        try {
            FailedEvent event = json.readValue(stored.json(), FailedEvent.class);
            if (event.readable()) {
                return event;
            }
        } catch (Exception e) {
            // the message of a parse error quotes the input, which holds personal data: not logged
        }
        LOG.warn("replay: an entry in the failed-events sink is not a failed event; kept for a human to look at");
        return null;
    }

    private static Result failed(Routed r, String error) {
        return new Result(r.eventId(), r.source(), r.output().name(), r.reason(), null, null, error);
    }
}
