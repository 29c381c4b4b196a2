package ru.metricarelay.relay.flush;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueConfig;

/**
 * Starts queued delivery, and only it (docs/architecture.md#queued-delivery): in queued mode the queue is opened at
 * start-up (a bad path, a queue file another relay holds or a missing SQS URL fails the start, not the first webhook)
 * and the timer flush is scheduled; in direct mode nothing here is created but this observer.
 * <p>The timer is one daemon thread of the JDK's scheduled executor: a fixed delay between flushes, so two never
 * overlap. (Quarkus' scheduler did the same at ~10–20 ms of every start-up, direct mode included: docs/performance.md.)
 */
@Singleton
public class QueuedStartup {

    private static final Logger LOG = Logger.getLogger(QueuedStartup.class);

    private volatile ScheduledExecutorService timer;

    void onStart(@Observes StartupEvent event, DeliveryMode mode, QueueConfig config, Instance<Queue> queue, Instance<Flusher> flusher) {
        if (!mode.queued()) {
            return;
        }
        if (config.backend() == QueueConfig.Backend.SQS) {
            if (config.sqs().url().filter(u -> !u.isBlank()).isEmpty()) {
                throw new ConfigurationException("RELAY_QUEUE=sqs needs RELAY_QUEUE_SQS_URL (the queue's URL)");
            }
            if (config.sqs().visibilityTimeout().compareTo(config.flush().deadline()) <= 0) {
                throw new ConfigurationException("relay.queue.sqs.visibility-timeout must be longer than relay.flush.deadline,"
                        + " or two flushes could send the same rows");
            }
        }
        queue.get().store().setupWarning().ifPresent(LOG::warn);
        Flusher f = flusher.get();
        long seconds = config.flush().interval().toSeconds();
        if (seconds <= 0) {
            LOG.info("queued delivery: no timer flush (RELAY_FLUSH_INTERVAL=0); flush with POST /queue/flush");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "relay-flush-timer");
            thread.setDaemon(true);
            return thread;
        });
        // the first flush at once, as Quarkus' interval jobs did: rows left from before a restart go out now, not in 5 min;
        // flushOnTimer logs its own errors (one escaping would end the schedule)
        timer.scheduleWithFixedDelay(f::flushOnTimer, 0, seconds, TimeUnit.SECONDS);
        LOG.infof("queued delivery: flush every %d s, up to %d rows", seconds, config.flush().maxRows());
    }

    /** No new flush once the relay stops; one under way keeps its rows until it commits or the process ends. */
    void onStop(@Observes ShutdownEvent event) {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdown();
        }
    }
}
