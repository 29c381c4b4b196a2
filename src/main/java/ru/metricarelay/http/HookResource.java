package ru.metricarelay.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.RelayResponse;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.relay.Relay;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceRegistry;

/**
 * The webhook endpoints (docs/architecture.md#inbound-http): POST (and GET, for senders that use
 * query strings) to /hooks/{source}, with X-Relay-Secret, or to /hooks/{source}/{secret} for
 * senders that cannot set headers; /hooks/{source}/[{secret}/]sub/path for senders that append a
 * path of their own (Mango). The same resource serves the HTTP service and the Lambda. Every
 * delivery to a known source is remembered, masked, for GET /admin/deliveries ({@link Deliveries}).
 */
@Path("/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class HookResource {

    private final Relay relay;
    private final SourceRegistry sources;
    private final Deliveries deliveries;
    private final long maxBody;

    public HookResource(Relay relay, SourceRegistry sources, Deliveries deliveries, RelayConfig config) {
        this.relay = relay;
        this.sources = sources;
        this.deliveries = deliveries;
        this.maxBody = config.maxBodySize().asLongValue();
    }

    @POST
    @Path("{source}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> post(@RestPath String source, HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return receive(new Hook("POST", source, null, headers, uri), request);
    }

    @POST
    @Path("{source}/{secret}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> postWithSecret(@RestPath String source, @RestPath String secret, HttpHeaders headers,
            UriInfo uri, HttpServerRequest request) {
        return receive(new Hook("POST", source, secret, headers, uri), request);
    }

    /** Senders that append their own path to the URL (Mango: .../events/summary); see SourceAdapter.subPaths(). */
    @POST
    @Path("{source}/{first}/{rest: .+}")
    @Consumes(MediaType.WILDCARD)
    public Uni<RelayResponse> postWithSubPath(@RestPath String source, @RestPath String first, @RestPath String rest,
            HttpHeaders headers, UriInfo uri, HttpServerRequest request) {
        return receive(new Hook("POST", source, first + "/" + rest, headers, uri), request);
    }

    @GET
    @Path("{source}")
    public Uni<RelayResponse> get(@RestPath String source, HttpHeaders headers, UriInfo uri) {
        return receive(new Hook("GET", source, null, headers, uri), null);
    }

    @GET
    @Path("{source}/{secret}")
    public Uni<RelayResponse> getWithSecret(@RestPath String source, @RestPath String secret, HttpHeaders headers,
            UriInfo uri) {
        return receive(new Hook("GET", source, secret, headers, uri), null);
    }

    @GET
    @Path("{source}/{first}/{rest: .+}")
    public Uni<RelayResponse> getWithSubPath(@RestPath String source, @RestPath String first, @RestPath String rest,
            HttpHeaders headers, UriInfo uri) {
        return receive(new Hook("GET", source, first + "/" + rest, headers, uri), null);
    }

    /**
     * One webhook as it came in: its source, what follows /hooks/{source}/ (a secret, a sub-path or both; parsed by
     * {@link HookPath}), the request's headers (lower-case names) and query.
     */
    record Hook(String method, String source, String tail, Map<String, String> headers, String query, String maskedPath) {

        Hook(String method, String source, String tail, HttpHeaders headers, UriInfo uri) {
            this(method, source, tail, lowerCase(headers), uri.getRequestUri().getRawQuery(), SecretPaths.mask(uri.getPath()));
        }
    }

    private Uni<RelayResponse> receive(Hook hook, HttpServerRequest request) {
        Uni<byte[]> body = request == null ? Uni.createFrom().item(new byte[0]) : WebhookBody.read(request, maxBody);
        return body.onFailure().invoke(tooLarge -> remember(hook, null, null, tooLarge))
                .chain(bytes -> Uni.createFrom().<RelayResponse>deferred(() -> relayed(hook, bytes))
                        .onItemOrFailure().invoke((answer, failure) -> remember(hook, bytes, answer, failure)));
    }

    private Uni<RelayResponse> relayed(Hook hook, byte[] body) {
        HookPath path = HookPath.parse(hook.source(), hook.tail(),
                sources.find(hook.source()).map(SourceAdapter::subPaths).orElse(Set.of()));
        return relay.handle(path.source(), path.secret(), path.subPath(), hook.method(), hook.headers(), hook.query(), body);
    }

    private void remember(Hook hook, byte[] body, RelayResponse answer, Throwable failure) {
        if (!sources.names().contains(hook.source())) {
            return; // an unknown source (a typo, a probe, a secret in the wrong place) is not a delivery
        }
        // a refusal a plain-text sender (VK) was answered "ok" in place of is kept with its 200, so an operator reads why
        RelayProblem problem = failure instanceof RelayProblem p ? p : answer != null ? answer.instead() : null;
        int status = answer != null ? 200 : problem != null ? problem.status() : 500;
        deliveries.record(hook.source(), hook.method(), hook.maskedPath(), hook.query(), hook.headers(), body, status,
                answer == null ? null : answer.results(), answer == null ? null : answer.requests(),
                problem == null ? null : problem.toProblem(hook.maskedPath()));
    }

    private static Map<String, String> lowerCase(HttpHeaders headers) {
        Map<String, String> map = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) ->
                map.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return map;
    }
}
