package ru.metricarelay.http;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.relay.InboundAuth;

/**
 * GET /admin/deliveries?source=tilda&amp;limit=20 with X-Relay-Secret: the last webhooks and what the
 * relay made of each (actions, reasons, identity_from, the problem), masked. See {@link Deliveries}.
 */
@Path("/admin/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveriesResource {

    // package-private field injection: Quarkus sets them without reflection
    @Inject InboundAuth auth;
    @Inject Deliveries deliveries;

    @GET
    public Map<String, List<Deliveries.Delivery>> list(@RestHeader("X-Relay-Secret") String secret, @RestQuery String source,
            @RestQuery @DefaultValue("20") int limit) {
        auth.checkOperator(secret, "/admin/deliveries");
        return Map.of("deliveries", deliveries.last(source == null || source.isBlank() ? null : source.trim(), Limits.check(limit)));
    }
}
