package ru.metricarelay.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.annotation.Priority;
import jakarta.inject.Singleton;

/**
 * Keeps the labels of the HTTP server metrics (http_server_requests and the other http.server meters) to a
 * fixed set whatever a client sends (docs/security.md): a method outside HTTP's own is {@code OTHER} (every
 * made-up name was a new series, until the heap ran out), and {@code uri} is one of the relay's route
 * templates — a path the router did not match to one (Quarkus labels 405, 406 and 415 answers with the raw
 * path, secret included) gets the template of its shape, or {@code UNKNOWN}.
 *
 * <p>Priority: ArC hands Quarkus the filters highest priority first, so this one runs before Quarkus' own
 * max-uri-tags filter, which would otherwise count raw paths and then deny templates it had not seen yet.
 */
@Singleton
@Priority(100)
public class HttpMetricLabels implements MeterFilter {

    /** HTTP's own methods (RFC 9110, plus PATCH): the only method labels. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    /**
     * The relay's routes as Quarkus spells their templates; {@code HttpMetricLabelsTest} keeps this list equal to the
     * resources' {@code @Path}s. Literal routes first: a raw path takes the first template of its shape.
     */
    static final List<String> ROUTES = List.of("/admin", "/admin/icon.svg", "/admin/page.css", "/admin/deliveries", "/admin/doctor", "/admin/provision", "/admin/uploads",
            "/replay", "/queue", "/queue/dead", "/queue/flush", "/q/openapi", "/queue/flush/{secret}",
            "/hooks/{source}", "/hooks/{source}/{secret}", "/hooks/{source}/{first}/{rest: .+}");

    /** What Micrometer's HTTP binders put in place of a path. */
    static final Set<String> PLACEHOLDERS = Set.of("NOT_FOUND", "REDIRECTION", "root", "UNKNOWN");

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("http.server.")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean changed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            String value = switch (tag.getKey()) {
                case "method" -> METHODS.contains(tag.getValue()) ? tag.getValue() : "OTHER";
                case "uri" -> route(tag.getValue());
                default -> tag.getValue();
            };
            changed |= !value.equals(tag.getValue());
            tags.add(Tag.of(tag.getKey(), value));
        }
        return changed ? id.replaceTags(tags) : id;
    }

    /** A route template or placeholder as it is; a raw path as the template of its shape; anything else UNKNOWN. */
    static String route(String uri) {
        if (PLACEHOLDERS.contains(uri) || ROUTES.contains(uri)) {
            return uri;
        }
        String[] segments = uri.startsWith("/") ? uri.substring(1).split("/", -1) : null;
        if (segments != null) {
            for (String route : ROUTES) {
                if (shapeOf(route.substring(1).split("/"), segments)) {
                    return route;
                }
            }
        }
        return "UNKNOWN";
    }

    /** {name} stands for one non-empty segment, {name: .+} for one or more; other segments must be equal. */
    private static boolean shapeOf(String[] route, String[] segments) {
        for (int i = 0; i < route.length; i++) {
            boolean variable = route[i].startsWith("{");
            if (variable && route[i].contains(":") && i == route.length - 1) {
                return segments.length > i && !(segments.length == i + 1 && segments[i].isEmpty());
            }
            if (i >= segments.length || segments[i].isEmpty() || !variable && !route[i].equals(segments[i])) {
                return false;
            }
        }
        return segments.length == route.length;
    }
}
