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
import ru.metricarelay.metrica.CdpRecords.ContactsUpload;
import ru.metricarelay.metrica.CdpRecords.OrdersUpload;

/**
 * Metrica CDP API: uploads (contacts, orders, simple orders), the order-status map and the list of recent
 * uploads. Built by {@link MetricaClients}; called only through {@link CallPolicy}.
 */
@RegisterRestClient(configKey = "metrica-cdp")
@Path(MetricaPaths.CDP)
@Produces(MediaType.APPLICATION_JSON)
public interface CdpClient {

    @POST
    @Path(MetricaPaths.CONTACTS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> uploadContacts(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            ContactsUpload body);

    @POST
    @Path(MetricaPaths.ORDERS)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> uploadOrders(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            OrdersUpload body);

    @POST
    @Path(MetricaPaths.SIMPLE_ORDERS)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<String> uploadSimpleOrders(@PathParam("counterId") long counterId, @QueryParam("merge_mode") String mergeMode,
            @QueryParam("delimiter_type") String delimiterType, ClientMultipartForm file);

    /** The order-status map: {"order_statuses":[{"id","humanized","type","goal_action_ids"}]}. */
    @GET
    @Path(MetricaPaths.ORDER_STATUSES)
    Uni<String> orderStatuses(@PathParam("counterId") long counterId);

    /** Maps order statuses (the body lists them all); answers {"success":true}. */
    @POST
    @Path(MetricaPaths.ORDER_STATUSES)
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<String> mapOrderStatuses(@PathParam("counterId") long counterId, Object body);

    /** Recent CDP uploads, newest first: {"uploadings":[{"uploading_id","datetime","api_validation_status","elements_count",...}]}. */
    @GET
    @Path(MetricaPaths.LAST_UPLOADINGS)
    Uni<String> lastUploadings(@PathParam("counterId") long counterId, @QueryParam("limit") int limit);
}
