package ru.metricarelay.metrica;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Metrica Management API, the counter itself: its settings (time zone, permission, offline options) and
 * its goals. Part of the management API (its breaker). Built by {@link MetricaClients}; called only
 * through {@link CallPolicy}.
 */
@RegisterRestClient(configKey = "metrica-counter")
@Path(MetricaPaths.COUNTER)
@Produces(MediaType.APPLICATION_JSON)
public interface CounterClient {

    /** {"counter":{"id","name","site","status","permission","time_zone_name","offline_options",...}}; field adds parts. */
    @GET
    Uni<String> counter(@PathParam("counterId") long counterId, @QueryParam("field") String field);

    /** {"goals":[{"id","name","type","conditions":[{"type","url"}]}]}. */
    @GET
    @Path(MetricaPaths.GOALS)
    Uni<String> goals(@PathParam("counterId") long counterId);

    /** Creates a goal: body {"goal":{"name","type","conditions"}}; answers {"goal":{...,"id"}}. */
    @POST
    @Path(MetricaPaths.GOALS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> createGoal(@PathParam("counterId") long counterId, Object body);
}
