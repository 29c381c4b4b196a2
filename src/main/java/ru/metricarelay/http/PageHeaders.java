package ru.metricarelay.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The browser-facing headers of every answer under /admin (docs/security.md#the-operator-page), the page's 200 and 401
 * and the JSON endpoints' alike: only this origin's style sheet and no script ({@code default-src 'self'}), never in a
 * frame, no Referer to carry the URL elsewhere, not stored by any cache, and no guessing of the type.
 */
public class PageHeaders {

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!path.equals("/admin") && !path.startsWith("/admin/")) {
            return;
        }
        MultivaluedMap<String, Object> h = response.getHeaders();
        h.putSingle("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        h.putSingle("X-Frame-Options", "DENY");
        h.putSingle("Referrer-Policy", "no-referrer");
        h.putSingle("Cache-Control", "no-store");
        h.putSingle("X-Content-Type-Options", "nosniff");
    }
}
