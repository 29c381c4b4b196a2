package ru.metricarelay.metrica;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/** Metrica Management API offline data (conversions, calls, chats). Built by {@link MetricaSender}; called only through {@link CallPolicy}. */
@RegisterRestClient(configKey = "metrica-management")
@Path("/management/v1/counter/{counterId}/offline_conversions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.MULTIPART_FORM_DATA)
public interface ManagementClient {

    @POST
    @Path("/upload")
    Uni<String> uploadConversions(@PathParam("counterId") long counterId,
            @QueryParam("client_id_type") String clientIdType, ClientMultipartForm file);

    @POST
    @Path("/upload_calls")
    Uni<String> uploadCalls(@PathParam("counterId") long counterId, ClientMultipartForm file);

    @POST
    @Path("/upload")
    Uni<String> uploadChats(@PathParam("counterId") long counterId, @QueryParam("type") String type,
            ClientMultipartForm file);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return MetricaHttpException.from(response);
    }
}
