package ru.metricarelay.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.Mask;

/**
 * The last webhooks of each source, in memory, for GET /admin/deliveries: what arrived (headers and
 * body masked: no secret, token or full phone/e-mail) and what the relay made of it (its results and, in dry-run,
 * the requests they share, as the answer had them). Connecting a sender becomes: send one event, read why
 * (docs/sources.md). Bounded: relay.deliveries.keep per source, relay.deliveries.max-body per body, only for the
 * sources the relay knows.
 */
@Singleton
public class Deliveries {

    /** Headers shown as sent; every other header is shown by name only (its value may be a credential). */
    static final Set<String> SHOWN_HEADERS = Set.of("content-type", "content-length", "user-agent", "webhook-id",
            "webhook-timestamp", "accept", "x-forwarded-proto");

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(@JsonProperty("received_at") Instant receivedAt, String source, String method, String path,
            String query, Map<String, String> headers, String body, int status, List<Result> results,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> requests, Problem problem) {
    }

    private static final java.util.regex.Pattern STRAY_PERCENT = java.util.regex.Pattern.compile("%(?![0-9A-Fa-f]{2})");

    private final int keep;
    private final int maxBody;
    private final Map<String, Deque<Delivery>> bySource = new ConcurrentHashMap<>();

    public Deliveries(RelayConfig relay) {
        this.keep = relay.deliveries().keep();
        this.maxBody = (int) Math.min(Integer.MAX_VALUE, relay.deliveries().maxBody().asLongValue());
    }

    void record(String source, String method, String maskedPath, String rawQuery, Map<String, String> headers, byte[] body,
            int status, List<Result> results, List<Map<String, Object>> requests, Problem problem) {
        if (keep <= 0) {
            return;
        }
        String type = headers.getOrDefault("content-type", "");
        Delivery delivery = new Delivery(Instant.now(), source, method, maskedPath, shown(rawQuery, true),
                headers(headers), body == null ? null : shown(new String(body, StandardCharsets.UTF_8),
                        type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")),
                status, results, requests, problem);
        Deque<Delivery> kept = bySource.computeIfAbsent(source, s -> new ArrayDeque<>(keep + 1));
        synchronized (kept) {
            kept.addFirst(delivery);
            while (kept.size() > keep) {
                kept.removeLast();
            }
        }
    }

    /** Newest first; one source, or all when {@code source} is null. */
    public List<Delivery> last(String source, int limit) {
        List<Delivery> all = new ArrayList<>();
        bySource.forEach((name, kept) -> {
            if (source == null || source.equals(name)) {
                synchronized (kept) {
                    all.addAll(kept);
                }
            }
        });
        all.sort(Comparator.comparing(Delivery::receivedAt).reversed());
        return all.subList(0, Math.min(limit, all.size()));
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, SHOWN_HEADERS.contains(name) ? LogText.escape(value) : "***"));
        return shown;
    }

    /**
     * Masked, cut to max-body. A form is shown field by field, each decoded first (a form's %40 would hide an
     * e-mail from the mask): a credential-named field's value is *** to its end, whatever it holds (%20, %26).
     */
    private String shown(String text, boolean form) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String cut = text.length() > maxBody ? text.substring(0, maxBody) : text;
        return (form ? maskedForm(cut) : Mask.text(cut)) + (text.length() > maxBody ? "…(cut at " + maxBody + " characters)" : "");
    }

    private static String maskedForm(String form) {
        StringBuilder out = new StringBuilder(form.length());
        for (String field : form.split("&", -1)) {
            int eq = field.indexOf('=');
            String name = decoded(eq < 0 ? field : field.substring(0, eq));
            out.append(out.isEmpty() ? "" : "&").append(Mask.text(name));
            if (eq >= 0) {
                out.append('=').append(Mask.credentialName(name) ? "***" : Mask.text(decoded(field.substring(eq + 1))));
            }
        }
        return out.toString();
    }

    /** As a form decodes it; a stray '%' stays, and bytes that are not UTF-8 show as U+FFFD (the relay refused that body). */
    private static String decoded(String component) {
        return URLDecoder.decode(STRAY_PERCENT.matcher(component).replaceAll("%25"), StandardCharsets.UTF_8);
    }
}
