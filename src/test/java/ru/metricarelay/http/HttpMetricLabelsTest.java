package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

/** The labels of the HTTP server metrics stay a fixed set (docs/security.md); the route list stays the resources'. */
class HttpMetricLabelsTest {

    static final List<Class<?>> RESOURCES = List.of(HookResource.class, AdminResource.class, DeliveriesResource.class,
            ReplayResource.class, QueueResource.class, OpenApiResource.class, OperatorPageResource.class);

    /** Every endpoint's template, as Quarkus spells it in the uri label: a new resource must be listed, or it is UNKNOWN. */
    @Test
    void theRouteListIsTheResourcesPaths() {
        Set<String> templates = new TreeSet<>();
        for (Class<?> resource : RESOURCES) {
            String base = "/" + strip(resource.getAnnotation(Path.class).value());
            for (Method method : resource.getDeclaredMethods()) {
                Path path = method.getAnnotation(Path.class);
                if (method.isAnnotationPresent(jakarta.ws.rs.HttpMethod.class) || java.util.Arrays.stream(method.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class))) {
                    templates.add(path == null ? base : base + "/" + strip(path.value()));
                }
            }
        }
        assertEquals(templates, new TreeSet<>(HttpMetricLabels.ROUTES));
    }

    static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    @Test
    void rawPathsBecomeTheTemplateOfTheirShapeAndAnythingElseUnknown() {
        assertEquals("/hooks/{source}", HttpMetricLabels.route("/hooks/s3cr3t-value-0123456789"));
        assertEquals("/hooks/{source}/{secret}", HttpMetricLabels.route("/hooks/tilda/s3cr3t"));
        assertEquals("/hooks/{source}/{first}/{rest: .+}", HttpMetricLabels.route("/hooks/tilda/s3cr3t/events/summary"));
        assertEquals("/queue/flush/{secret}", HttpMetricLabels.route("/queue/flush/s3cr3t"));
        assertEquals("/queue/flush", HttpMetricLabels.route("/queue/flush"));
        assertEquals("NOT_FOUND", HttpMetricLabels.route("NOT_FOUND"));
        for (String other : List.of("/admin/deliveries/s3cr3t", "/s3cr3t", "/hooks/", "/hooks//x", "s3cr3t", "", "/")) {
            assertEquals("UNKNOWN", HttpMetricLabels.route(other), other);
        }
    }

    @Test
    void madeUpMethodsAreOther() {
        HttpMetricLabels labels = new HttpMetricLabels();
        Meter.Id id = new Meter.Id("http.server.requests", Tags.of("method", "Q000001", "uri", "/hooks/tilda/s3cr3t",
                "status", "405"), null, null, Meter.Type.TIMER);
        assertEquals(Tags.of("method", "OTHER", "uri", "/hooks/{source}/{secret}", "status", "405"), Tags.of(labels.map(id).getTags()));
        Meter.Id own = new Meter.Id("relay.webhooks", Tags.of("method", "Q000001"), null, null, Meter.Type.COUNTER);
        assertEquals(own, labels.map(own));
    }
}
