package ru.metricarelay.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import ru.metricarelay.answer.RelayResponse;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.relay.Relay;

/**
 * The webhook endpoints (docs/architecture.md#inbound-http): POST (and GET, for senders that use query strings) to
 * /hooks/{source}, with X-Relay-Secret, or to /hooks/{source}/{secret} for senders that cannot set
 * headers. The same resource serves the HTTP service and the Lambda.
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HookResource {

    private final Relay relay;
    private final long maxBody;

    public HookResource(Relay relay, RelayConfig config) {
        this.relay = relay;
        this.maxBody = config.maxBodySize().asLongValue();
    }

    @POST
    @Path("{source}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> post(@RestPath String source, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return WebhookBody.read(request, maxBody)
                .chain(body -> relay.handle(source, null, "POST", headers(headers), uri.getRequestUri().getRawQuery(), body));
    }

    @POST
    @Path("{source}/{secret}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> postWithSecret(@RestPath String source, @RestPath String secret, HttpHeaders headers,
            UriInfo uri, HttpServerRequest request) {
        return WebhookBody.read(request, maxBody)
                .chain(body -> relay.handle(source, secret, "POST", headers(headers), uri.getRequestUri().getRawQuery(), body));
    }

    /** Senders that append their own path to the URL (Mango: .../events/summary); see SourceAdapter.subPaths(). */
    @POST
    @Path("{source}/{first}/{rest: .+}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> postWithSubPath(@RestPath String source, @RestPath String first, @RestPath String rest,
            HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return WebhookBody.read(request, maxBody).chain(body -> relay.handleWithPath(source, first + "/" + rest, "POST",
                headers(headers), uri.getRequestUri().getRawQuery(), body));
    }

    @GET
    @Path("{source}")
    public Uni<RelayResponse> get(@RestPath String source, HttpHeaders headers, UriInfo uri) {
        return relay.handle(source, null, "GET", headers(headers), uri.getRequestUri().getRawQuery(), new byte[0]);
    }

    @GET
    @Path("{source}/{secret}")
    public Uni<RelayResponse> getWithSecret(@RestPath String source, @RestPath String secret, HttpHeaders headers,
            UriInfo uri) {
        return relay.handle(source, secret, "GET", headers(headers), uri.getRequestUri().getRawQuery(), new byte[0]);
    }

    @GET
    @Path("{source}/{first}/{rest: .+}")
    public Uni<RelayResponse> getWithSubPath(@RestPath String source, @RestPath String first, @RestPath String rest,
            HttpHeaders headers, UriInfo uri) {
        return relay.handleWithPath(source, first + "/" + rest, "GET", headers(headers), uri.getRequestUri().getRawQuery(),
                new byte[0]);
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) ->
                map.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return map;
    }
}
