package ru.metricarelay.metrica;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Metrica Management API offline data: uploads (conversions, calls, chats), their lists, and the offline
 * tracking switches and windows. Built by {@link MetricaClients}; called only through {@link CallPolicy}.
 */
@RegisterRestClient(configKey = "metrica-management")
@Path("/management/v1/counter/{counterId}/offline_conversions")
@Produces(MediaType.APPLICATION_JSON)
public interface ManagementClient {

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadConversions(@PathParam("counterId") long counterId,
            @QueryParam("client_id_type") String clientIdType, ClientMultipartForm file);

    @POST
    @Path("/upload_calls")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadCalls(@PathParam("counterId") long counterId, ClientMultipartForm file);

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadChats(@PathParam("counterId") long counterId, @QueryParam("type") String type,
            ClientMultipartForm file);

    /** Offline conversion uploads: {"uploadings":[{"id","create_time","source_quantity","line_quantity","status",...}]}. */
    @GET
    @Path("/uploadings")
    Uni<String> conversionUploadings(@PathParam("counterId") long counterId, @QueryParam("limit") int limit);

    /** Call uploads, the same shape. */
    @GET
    @Path("/calls_uploadings")
    Uni<String> callUploadings(@PathParam("counterId") long counterId, @QueryParam("limit") int limit);

    /** {"date": ...}: from when uploaded conversions link to visits. */
    @GET
    @Path("/visit_join_threshold")
    Uni<String> visitJoinThreshold(@PathParam("counterId") long counterId);

    @GET
    @Path("/calls_visit_join_threshold")
    Uni<String> callsVisitJoinThreshold(@PathParam("counterId") long counterId);

    /** Enables extended offline-conversion tracking (the 21-day window). */
    @POST
    @Path("/extended_threshold")
    Uni<String> enableExtendedThreshold(@PathParam("counterId") long counterId);

    @POST
    @Path("/calls_extended_threshold")
    Uni<String> enableCallsExtendedThreshold(@PathParam("counterId") long counterId);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return MetricaHttpException.from(response);
    }
}
