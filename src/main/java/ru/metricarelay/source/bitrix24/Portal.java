package ru.metricarelay.source.bitrix24;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.source.Json;

/**
 * The configured portal's REST API and nothing else: the base URL is relay.sources.bitrix24.rest-url,
 * never a URL from a webhook. Each call has its own timeout and at most one retry (server errors,
 * QUERY_LIMIT_EXCEEDED, timeouts, network errors), and all calls for one webhook share a budget well
 * under relay.deadline, so Metrica still has time. Fails only with {@link PortalFailure}.
 *
 * @param host the portal's host (lower case): the only host the relay calls
 */
record Portal(PortalClient client, Duration callTimeout, String host) {

    /**
     * @throws IllegalArgumentException when rest-url is not an http(s) URL with a host; the message
     *         never repeats the URL (it holds the webhook's secret code)
     */
    static Portal of(String restUrl, Duration callTimeout, Function<URI, PortalClient> clients) {
        URI uri = restUri(restUrl);
        URI base = URI.create(uri.toString().replaceAll("/+$", ""));
        return new Portal(clients.apply(base), callTimeout, uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** The Quarkus REST client on the incoming webhook's base URL: the call timeout, no redirects followed. */
    static PortalClient restClient(URI base, Duration callTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build(PortalClient.class);
    }

    static URI restUri(String restUrl) {
        URI uri;
        try {
            uri = URI.create(restUrl.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("relay.sources.bitrix24.rest-url is not an incoming webhook URL "
                    + "like https://<portal>.bitrix24.ru/rest/<user>/<code>/");
        }
        return uri;
    }

    /** The deal or lead, the "result" object of crm.deal.get / crm.lead.get. */
    Uni<JsonNode> record(CrmEntity entity, String id, Deadline budget) {
        return call(entity.method, () -> entity == CrmEntity.DEAL ? client.deal(id) : client.lead(id), budget);
    }

    /** The contact, the "result" object of crm.contact.get. */
    Uni<JsonNode> contact(String id, Deadline budget) {
        return call("crm.contact.get", () -> client.contact(id), budget);
    }

    private Uni<JsonNode> call(String method, Supplier<Uni<String>> request, Deadline budget) {
        Uni<JsonNode> attempt = Uni.createFrom().deferred(() -> {
            if (budget.expired()) {
                return Uni.createFrom().failure(PortalFailure.timeout(method));
            }
            Duration left = budget.remaining();
            return request.get()
                    .ifNoItem().after(left.compareTo(callTimeout) < 0 ? left : callTimeout)
                    .failWith(() -> PortalFailure.timeout(method));
        })
                .onFailure().transform(f -> PortalFailure.of(method, f))
                .map(body -> result(method, body));
        return attempt.onFailure(f -> f instanceof PortalFailure p && p.retryable && !budget.expired())
                .retry().atMost(1);
    }

    private static JsonNode result(String method, String body) {
        try {
            JsonNode root = Json.READER.readTree(body == null ? "" : body);
            if (root != null && root.path("result").isObject()) {
                return root.get("result");
            }
            if (root != null && root.hasNonNull("error")) {
                throw PortalFailure.of(method, new PortalFailure.HttpError(200, body));
            }
        } catch (JacksonException notJson) {
            throw PortalFailure.unexpected(method, "the answer is not JSON");
        }
        throw PortalFailure.unexpected(method, "the answer has no result object");
    }
}
