package ru.metricarelay.relay;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueConfig;

/**
 * Starts queued delivery, and only it (docs/architecture.md#queued-delivery): in queued mode the queue is opened at
 * start-up (a bad path or a missing SQS URL fails the start, not the first webhook) and the timer flush is
 * scheduled; in direct mode nothing here is created but this observer.
 */
@Singleton
public class QueuedStartup {

    private static final Logger LOG = Logger.getLogger(QueuedStartup.class);

    void onStart(@Observes StartupEvent event, QueueConfig config, Instance<Queue> queue, Instance<Flusher> flusher,
            Instance<Scheduler> scheduler) {
        if (!config.queued()) {
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
        queue.get().store();
        Flusher f = flusher.get();
        long seconds = config.flush().interval().toSeconds();
        if (seconds <= 0) {
            LOG.info("queued delivery: no timer flush (RELAY_FLUSH_INTERVAL=0); flush with POST /queue/flush");
            return;
        }
        scheduler.get().newJob("relay-flush")
                .setInterval(seconds + "s")
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> f.flushOnTimer())
                .schedule();
        LOG.infof("queued delivery: flush every %d s, up to %d rows", seconds, config.flush().maxRows());
    }
}
