package ru.metricarelay.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Our own access log for /hooks: Quarkus' would print the secret path segment, this one masks it
 * (/hooks/tilda/***, or /hooks/*** when the source segment may itself be a secret) and never
 * prints the query string.
 */
public class AccessLog {

    private static final Logger LOG = Logger.getLogger("ru.metricarelay.access");
    private static final String STARTED = AccessLog.class.getName() + ".started";

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
        line(request.getMethod(), SecretPaths.mask(path), response.getStatus(), ms);
    }

    /** One line per webhook; {@code maskedPath} already masked ({@link SecretPaths}). */
    static void line(String method, String maskedPath, int status, long ms) {
        LOG.infof("%s %s %d %d ms", method, maskedPath, status, ms);
    }
}
