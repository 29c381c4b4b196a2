package ru.metricarelay.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import ru.metricarelay.source.SourceRegistry;

/**
 * Our own access log for /hooks: Quarkus' would print the secret path segment, this one masks it
 * (/hooks/tilda/***, or /hooks/*** when the source segment may itself be a secret) and never
 * prints the query string.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("ru.metricarelay.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

    private final MeterRegistry registry;
    private final Provider<SourceRegistry> sources;

    public AccessLog(MeterRegistry registry, Provider<SourceRegistry> sources) {
        this.registry = registry;
        this.sources = sources;
    }

    @ServerRequestFilter
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void finished(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/hooks")) {
            return;
        }
        Object started = request.getProperty(STARTED);
        long ms = started instanceof Long t ? (System.nanoTime() - t) / 1_000_000 : -1;
        LOG.infof("%s %s %d %d ms", request.getMethod(), SecretPaths.mask(path), response.getStatus(), ms);
        Counter.builder("relay.webhooks").description("webhooks by source and answer status (docs/architecture.md#metrics)")
                .tags("source", source(path), "status", Integer.toString(response.getStatus())).register(registry).increment();
    }

    /** The {source} segment when it names a source; anything else is "unknown" (a path must not make new series). */
    private String source(String path) {
        String[] parts = path.split("/", 4);
        String name = parts.length > 2 ? parts[2] : "";
        return sources.get().find(name).isPresent() ? name : "unknown";
    }
}
