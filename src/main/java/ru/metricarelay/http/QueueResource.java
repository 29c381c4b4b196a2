package ru.metricarelay.http;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Provider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.relay.InboundAuth;
import ru.metricarelay.relay.flush.DeadLetters;
import ru.metricarelay.relay.flush.DeadList;
import ru.metricarelay.relay.flush.FlushReport;
import ru.metricarelay.relay.flush.Flusher;
import ru.metricarelay.relay.flush.QueueStatus;

/**
 * Queued delivery's operator endpoints (docs/architecture.md#queued-delivery), X-Relay-Secret required: POST /queue/flush
 * (for serverless schedulers; /queue/flush/{secret} for timers that cannot set headers, such as Yandex Cloud's),
 * GET /queue and GET /queue/dead. Refused without RELAY_SECRET, as /replay is; 404 in direct mode.
 */
@Path("/queue")
@Produces(MediaType.APPLICATION_JSON)
public class QueueResource {

    private final InboundAuth auth;
    private final DeliveryMode mode;
    private final Provider<Flusher> flusher;
    private final Provider<DeadLetters> deadLetters;

    public QueueResource(InboundAuth auth, DeliveryMode mode, Provider<Flusher> flusher, Provider<DeadLetters> deadLetters) {
        this.auth = auth;
        this.mode = mode;
        this.flusher = flusher;
        this.deadLetters = deadLetters;
    }

    @POST
    @Path("/flush")
    @Blocking
    public FlushReport flush(@RestHeader("X-Relay-Secret") String secret) {
        allowed(null, secret);
        return flusher.get().flush();
    }

    @POST
    @Path("/flush/{secret}")
    @Blocking
    public FlushReport flushWithSecret(@RestPath String secret) {
        allowed(secret, null);
        return flusher.get().flush();
    }

    @GET
    @Blocking
    public QueueStatus status(@RestHeader("X-Relay-Secret") String secret) {
        allowed(null, secret);
        return flusher.get().status();
    }

    /** The rows Metrica refused (and others set aside), oldest first, masked; POST /replay sends them again. */
    @GET
    @Path("/dead")
    @Blocking
    public DeadList dead(@RestHeader("X-Relay-Secret") String secret, @RestQuery @DefaultValue("50") int limit) throws Exception {
        allowed(null, secret);
        return deadLetters.get().list(Limits.check(limit));
    }

    private void allowed(String pathSecret, String headerSecret) {
        if (!auth.enabled()) {
            throw RelayProblem.unauthorized("the queue endpoints need RELAY_SECRET to be set");
        }
        auth.check(pathSecret, headerSecret);
        if (!mode.queued()) {
            throw RelayProblem.notFound(mode.dryRun() ? "no queue: the relay runs in dry-run and stores nothing"
                    : "no queue: the relay delivers directly (RELAY_DELIVERY=direct)");
        }
    }
}
