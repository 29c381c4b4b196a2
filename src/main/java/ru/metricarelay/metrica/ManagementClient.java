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
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Metrica Management API offline data: uploads (conversions, calls, chats), their lists, and the offline
 * tracking switches and windows. Built by {@link MetricaClients}; called only through {@link CallPolicy}.
 */
@RegisterRestClient(configKey = "metrica-management")
@Path(MetricaPaths.OFFLINE)
@Produces(MediaType.APPLICATION_JSON)
public interface ManagementClient {

    @POST
    @Path(MetricaPaths.UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadConversions(@PathParam("counterId") long counterId,
            @QueryParam("client_id_type") String clientIdType, ClientMultipartForm file);

    @POST
    @Path(MetricaPaths.UPLOAD_CALLS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadCalls(@PathParam("counterId") long counterId, ClientMultipartForm file);

    @POST
    @Path(MetricaPaths.UPLOAD)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadChats(@PathParam("counterId") long counterId, @QueryParam("type") String type,
            ClientMultipartForm file);

    /**
     * An upload list, newest first: {@code uploadings} (conversions) or {@code calls_uploadings}; answers
     * {"uploadings":[{"id","create_time","source_quantity","line_quantity","status",...}]}.
     */
    @GET
    @Path("/{list}")
    Uni<String> uploadings(@PathParam("counterId") long counterId, @PathParam("list") String list,
            @QueryParam("limit") int limit);

    /** {"date": ...}: from when uploads link to visits: {@code visit_join_threshold} or {@code calls_visit_join_threshold}. */
    @GET
    @Path("/{threshold}")
    Uni<String> joinThreshold(@PathParam("counterId") long counterId, @PathParam("threshold") String threshold);

    /** Enables extended tracking (the 21-day window): {@code extended_threshold} or {@code calls_extended_threshold}. */
    @POST
    @Path("/{threshold}")
    Uni<String> enableExtended(@PathParam("counterId") long counterId, @PathParam("threshold") String threshold);
}
