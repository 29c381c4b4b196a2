package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md: the operator endpoints take the relay secret in X-Relay-Secret only, so it stays out of access logs
 * and browser histories (the operator page, GET /admin, in HTTP Basic's Authorization header); the one exception is
 * POST /queue/flush/{secret}, for timers that cannot set headers (Yandex Cloud's). Read from the JAX-RS resources themselves, so a new endpoint is checked too. Webhooks (/hooks) are not
 * operator endpoints: senders that cannot set headers put the secret in the path on purpose.
 */
class OperatorSecretTest {

    @Test
    void operatorEndpointsTakeTheSecretOnlyInTheHeaderExceptTheFlush() {
        Set<String> inPath = new TreeSet<>();
        Set<String> withoutHeader = new TreeSet<>();
        for (Class<?> resource : resources()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getDeclaredMethods()) {
                String verb = verb(m);
                if (verb == null || base.startsWith("/hooks")) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String route = verb + " " + (base + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/");
                boolean header = false;
                for (Parameter p : m.getParameters()) {
                    RestHeader h = p.getAnnotation(RestHeader.class);
                    // the operator page (GET /admin) takes the secret as HTTP Basic's password: a header too
                    header |= h != null && ("X-Relay-Secret".equalsIgnoreCase(h.value())
                            || resource == OperatorPageResource.class && "Authorization".equals(h.value()));
                    if (p.isAnnotationPresent(RestPath.class) || p.isAnnotationPresent(jakarta.ws.rs.PathParam.class)) {
                        inPath.add(route);
                    }
                }
                if (!header) {
                    withoutHeader.add(route);
                }
            }
        }
        assertEquals(Set.of("POST /queue/flush/{secret}"), inPath, "operator routes with a path parameter");
        // the flush's path secret is its only credential; the OpenAPI document and the page's style sheet and icon are public
        assertEquals(Set.of("POST /queue/flush/{secret}", "GET /q/openapi", "GET /admin/page.css", "GET /admin/icon.svg"), withoutHeader,
                "routes without X-Relay-Secret");
    }

    /** The JAX-RS resources (the web floor's @Path classes; the REST clients to Metrica are interfaces elsewhere). */
    static List<Class<?>> resources() {
        return new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("ru.metricarelay.http")
                .stream().filter(c -> c.isAnnotatedWith(Path.class) && !c.isInterface()).<Class<?>>map(c -> c.reflect()).toList();
    }

    static String verb(Method m) {
        for (var a : m.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }
}
