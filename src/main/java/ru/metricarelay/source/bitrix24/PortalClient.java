package ru.metricarelay.source.bitrix24;

import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The Bitrix24 REST methods the relay reads, called on the portal's incoming webhook
 * (base URL https://&lt;portal&gt;/rest/&lt;user&gt;/&lt;code&gt;, see {@link Portal}). Answers stay text so
 * that {@link Portal} reads amounts as exact decimals.
 */
@RegisterRestClient
@Produces(MediaType.APPLICATION_JSON)
public interface PortalClient {

    @GET
    @Path("crm.deal.get.json")
    Uni<String> deal(@QueryParam("id") String id);

    @GET
    @Path("crm.lead.get.json")
    Uni<String> lead(@QueryParam("id") String id);

    @GET
    @Path("crm.contact.get.json")
    Uni<String> contact(@QueryParam("id") String id);

    @ClientExceptionMapper
    static RuntimeException error(Response response) {
        return new PortalFailure.HttpError(response.getStatus(), response.hasEntity() ? body(response) : "");
    }

    private static String body(Response response) {
        try {
            return response.readEntity(String.class);
        } catch (RuntimeException unreadable) {
            return "";
        }
    }
}
