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
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;

/** Metrica CDP API (contacts, orders, simple orders). Built by {@link MetricaSender}; called only through {@link CallPolicy}. */
@RegisterRestClient(configKey = "metrica-cdp")
@Path("/cdp/api/v1/counter/{counterId}/data")
@Produces(MediaType.APPLICATION_JSON)
public interface CdpClient {

    @POST
    @Path("/contacts/json")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> uploadContacts(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            ContactsUpload body);

    @POST
    @Path("/orders/json")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> uploadOrders(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            OrdersUpload body);

    @POST
    @Path("/simple_orders")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadSimpleOrders(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            @QueryParam("delimiter_type") String delimiterType, ClientMultipartForm file);

    @ClientExceptionMapper
    static RuntimeException toException(Response response) {
        return MetricaHttpException.from(response);
    }
}
