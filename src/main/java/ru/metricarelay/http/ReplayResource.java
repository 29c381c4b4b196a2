package ru.metricarelay.http;

import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.relay.InboundAuth;
import ru.metricarelay.relay.Replay;
import ru.metricarelay.relay.ReplayResponse;

/**
 * POST /replay?limit=100[&amp;dry_run=true] with X-Relay-Secret: re-sends events kept by sink=file|sqs.
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

    @POST
    @Blocking
    public ReplayResponse replay(@RestHeader("X-Relay-Secret") String secret, @RestQuery @DefaultValue("100") int limit,
            @RestQuery("dry_run") @DefaultValue("false") boolean dryRun) throws Exception {
        auth.checkOperator(secret, "replay");
        return replay.run(Limits.check(limit), dryRun);
    }
}
