package ru.metricarelay.http;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.relay.InboundAuth;
import ru.metricarelay.relay.Replay;
import ru.metricarelay.relay.flush.DeadLetters;

/**
 * POST /replay?limit=100[&amp;dry_run=true][&amp;from=dead|failed] with X-Relay-Secret: in queued mode the dead letter's
 * rows go back into the queue and are flushed (from=dead, the default there); otherwise events kept by sink=file|sqs
 * are re-sent (from=failed, the default in direct mode; docs/reliability.md#dead-letter).
 * Only the header carries the secret (no secret path: an operator's call, not a sender's). Refused when
 * no RELAY_SECRET is configured, even in dry-run and with RELAY_ALLOW_UNAUTHENTICATED: the sink holds
 * personal data and re-sending is not for anyone who can reach the port.
 */
@Path("/replay")
@Produces(MediaType.APPLICATION_JSON)
public class ReplayResource {

    // package-private field injection: Quarkus sets them without reflection
    @Inject InboundAuth auth;
    @Inject Replay replay;
    @Inject DeliveryMode mode;
    @Inject Provider<DeadLetters> deadLetters;

    @POST
    @Blocking
    public Object replay(@RestHeader("X-Relay-Secret") String secret, @RestQuery @DefaultValue("100") int limit,
            @RestQuery("dry_run") @DefaultValue("false") boolean dryRun, @RestQuery String from) throws Exception {
        auth.checkOperator(secret, "replay");
        int checked = Limits.check(limit);
        String what = from == null || from.isBlank() ? (mode.queued() ? "dead" : "failed") : from;
        return switch (what) {
            case "dead" -> {
                if (!mode.queued()) {
                    throw RelayProblem.notFound("no dead letter: the relay does not queue (" + mode + "); use from=failed");
                }
                yield deadLetters.get().replay(checked, dryRun);
            }
            case "failed" -> replay.run(checked, dryRun);
            default -> throw RelayProblem.unprocessable("from", "from must be dead (queued delivery's dead letter) or failed"
                    + " (the failed-events sink)");
        };
    }
}
