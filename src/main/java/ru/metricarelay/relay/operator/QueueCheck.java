package ru.metricarelay.relay.operator;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import ru.metricarelay.metrica.setup.Check;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueHealth;
import ru.metricarelay.queue.QueueStore;

/**
 * Doctor's {@code queue} check in queued mode (docs/reliability.md#queued-delivery): whether queued rows can leave —
 * fail while Metrica refuses the token (401/403) or the store cannot write, warn while rows wait in the dead letter.
 */
final class QueueCheck {

    static final String NAME = "queue";

    private final Queue queue;

    QueueCheck(Queue queue) {
        this.queue = queue;
    }

    /** Reads the store on a worker thread (SQLite is a file, SQS a network call). */
    Uni<Check> check() {
        return Uni.createFrom().item(this::now).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Check now() {
        QueueHealth health = queue.health();
        var token = health.token().trouble();
        if (token.isPresent()) {
            return Check.fail(NAME, "flushes have stopped since " + token.get().since() + ": Metrica refused the token or its"
                    + " rights (" + token.get().detail() + "); queued rows wait, none is dropped",
                    "Give the relay a valid METRICA_TOKEN with metrika:write (or metrika:offline_data) for this counter. The next"
                            + " flush checks the token first and then sends everything queued.");
        }
        if (!queue.writable()) {
            var store = health.store().trouble();
            return Check.fail(NAME, "the queue cannot write since " + store.map(QueueHealth.Trouble::since).orElse(null) + ": "
                    + store.map(QueueHealth.Trouble::detail).orElse("") + "; uploads have stopped and readiness is down",
                    "Free disk space where RELAY_QUEUE_PATH lives (or make the file writable again); the relay resumes by itself.");
        }
        QueueStore.Stats stats;
        try {
            stats = queue.store().stats();
        } catch (Exception e) {
            return Check.fail(NAME, "the queue cannot be read: " + e.getMessage(), "Check RELAY_QUEUE_PATH or the SQS queue.");
        }
        if (stats.dead() != null && stats.dead() > 0) {
            return Check.warn(NAME, "rows in the dead letter (Metrica refused them, or set aside): " + stats.dead()
                    + "; rows queued: " + stats.queued(), "See why with GET /queue/dead, fix it (a goal, a format), then POST /replay.");
        }
        return Check.ok(NAME, "rows queued: " + stats.queued() + (stats.oldestAgeS() == null ? "" : ", the oldest " + stats.oldestAgeS() + " s old"));
    }
}
