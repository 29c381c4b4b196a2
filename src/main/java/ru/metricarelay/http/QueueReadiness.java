package ru.metricarelay.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.queue.QueueHealth;

/**
 * /q/health/ready in queued mode (docs/reliability.md#disk-full): down while the queue cannot write — a webhook could
 * not be stored, and delivered rows could not be removed — until a small real write succeeds again. A token Metrica
 * refuses is named but keeps the relay ready: webhooks are still stored safely, and a relay taken out of rotation
 * would lose those of senders that never resend. Direct mode: nothing to check, and no queue part is made.
 */
@Readiness
@Singleton
public class QueueReadiness implements HealthCheck {

    // package-private field injection: Quarkus sets them without reflection
    @Inject DeliveryMode mode;
    @Inject Instance<Queue> queue;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder answer = HealthCheckResponse.named("queue");
        if (!mode.queued()) {
            return answer.up().withData("delivery", mode.name().toLowerCase(java.util.Locale.ROOT)).build();
        }
        Queue q = queue.get();
        boolean writable = q.writable();
        QueueHealth health = q.health();
        answer.status(writable).withData("delivery", "queued");
        health.store().trouble().ifPresent(t -> answer.withData("store_failing", t.since() + ": " + t.detail()));
        health.token().trouble().ifPresent(t -> answer.withData("token_refused", t.since() + ": " + t.detail()));
        return answer.build();
    }
}
