package ru.metricarelay.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateExtension;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.relay.InboundAuth;

/**
 * The operator page (docs/architecture.md#operator-page): GET /admin/ is one server-rendered HTML page — doctor's checks,
 * each sender's webhook URL and last webhooks, the queue, Metrica's uploads — in Russian, or English when the browser
 * prefers it (or ?lang=en). HTTP Basic: any user name, a relay secret as the password, compared as X-Relay-Secret is;
 * without it a 401 problem with {@code WWW-Authenticate} (the browser asks) and nothing of the page. Read-only: no
 * form, no button. No script and no inline style (the CSP forbids both): the style sheet and icon are GET /admin/page.css
 * and /admin/icon.svg, public: the same files for everyone, holding nothing of the relay's. Headers: {@link PageHeaders}.
 */
@Path("/admin")
public class OperatorPageResource {

    static final String REALM = "Basic realm=\"Metrica Relay\", charset=\"UTF-8\"";
    /** A Host header that may go into the page's URLs; anything else shows as a placeholder. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");
    private static final java.time.format.DateTimeFormatter UTC = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(java.time.ZoneOffset.UTC);
    /** The style sheet and the icon, read once. */
    private static final Map<String, String> STATIC = new ConcurrentHashMap<>();

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(OperatorView.Page page, String lang);
    }

    // package-private field injection: Quarkus sets them without reflection
    @Inject InboundAuth auth;
    @Inject OperatorView view;

    @GET
    @Produces("text/html;charset=UTF-8")
    @Blocking
    public Uni<Response> page(@RestHeader("Authorization") String authorization, @RestQuery String lang, HttpHeaders headers,
            UriInfo uri) {
        if (!auth.opensOperatorPage(password(authorization))) {
            return Uni.createFrom().item(refused(uri));
        }
        Locale locale = locale(lang, headers);
        String host = headers.getHeaderString(HttpHeaders.HOST);
        return view.page(host != null && HOST.matcher(host).matches() ? host : "<relay-host>")
                .chain(page -> Templates.page(page, locale.getLanguage()).setLocale(locale).createUni())
                .map(html -> Response.ok(html, "text/html;charset=UTF-8").build());
    }

    @GET
    @Path("page.css")
    @Produces("text/css;charset=UTF-8")
    public String css() {
        return STATIC.computeIfAbsent("page.css", OperatorPageResource::file);
    }

    /** The tab's icon: without one the browser asks for /favicon.ico, a 404 in its console. */
    @GET
    @Path("icon.svg")
    @Produces("image/svg+xml")
    public String icon() {
        return STATIC.computeIfAbsent("icon.svg", OperatorPageResource::file);
    }

    private static String file(String name) {
        try (InputStream in = OperatorPageResource.class.getResourceAsStream("/operator-page/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How the page writes a time: {@code {d.receivedAt.utc}} is 2026-03-01 10:00:00 (the page says UTC once). */
    @TemplateExtension
    static String utc(java.time.Instant instant) {
        return UTC.format(instant);
    }

    /** HTTP Basic's password (RFC 7617), or null when the header is absent or not Basic. */
    static String password(String authorization) {
        if (authorization == null) {
            return null;
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Basic")) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? null : pair.substring(colon + 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Russian unless ?lang=en, or the browser's first language of the two is English. */
    static Locale locale(String lang, HttpHeaders headers) {
        if (lang != null && (lang.equals("en") || lang.equals("ru"))) {
            return Locale.forLanguageTag(lang);
        }
        for (Locale l : headers.getAcceptableLanguages()) {
            if (l.getLanguage().equals("en") || l.getLanguage().equals("ru")) {
                return Locale.forLanguageTag(l.getLanguage());
            }
        }
        return Locale.forLanguageTag("ru");
    }

    private static Response refused(UriInfo uri) {
        Problem problem = RelayProblem.unauthorized("the operator page needs HTTP Basic credentials: any user name, "
                + "the relay secret (RELAY_SECRET) as the password").toProblem(Problems.instance(uri));
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, REALM).entity(problem).build();
    }
}
