package ru.metricarelay.metrica.setup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.CallPolicy;

/**
 * Recent uploads from Metrica's own lists (docs/troubleshooting.md): offline conversions, calls and CDP,
 * merged newest first. Stateless: nothing is stored here; each call asks Metrica. The gauge
 * relay_uploads_linkage_failures counts LINKAGE_FAILURE uploads in the latest listing, per list.
 */
@Singleton
public class UploadHistory {

    static final String LINKAGE_FAILURE = "LINKAGE_FAILURE";
    private static final DateTimeFormatter METRICA = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CounterApi api;
    private final CallPolicy policy;
    private final Findings findings;
    private final ZoneId zone;
    private final Map<Wanted.Upload, AtomicInteger> linkageFailures = new EnumMap<>(Wanted.Upload.class);

    UploadHistory(CounterApi api, CallPolicy policy, MetricaConfig metrica, Findings findings, MeterRegistry registry) {
        this.api = api;
        this.policy = policy;
        this.zone = metrica.timezone();
        this.findings = findings;
        for (Wanted.Upload list : List.of(Wanted.Upload.CONVERSIONS, Wanted.Upload.CALLS)) {
            AtomicInteger seen = new AtomicInteger();
            linkageFailures.put(list, seen);
            Gauge.builder("relay.uploads.linkage.failures", seen, AtomicInteger::get)
                    .description("LINKAGE_FAILURE uploads in the latest GET /admin/uploads listing: none of their rows matched a visit")
                    .tags("list", name(list)).register(registry);
        }
    }

    public Uni<UploadHistoryReport> list(int limit) {
        Deadline d = policy.adminDeadline();
        List<Uni<Listing>> lists = new ArrayList<>();
        for (Wanted.Upload list : Wanted.Upload.values()) {
            Uni<String> body = list == Wanted.Upload.CDP ? api.lastUploadings(limit, d) : api.uploadings(list, limit, d);
            lists.add(body.map(b -> new Listing(list, parse(list, b), null))
                    .onFailure().recoverWithItem(f -> new Listing(list, List.of(), findings.unreadable("uploads " + name(list), f))));
        }
        return Uni.join().all(lists).andFailFast().map(listings -> {
            List<PastUpload> all = new ArrayList<>();
            List<Check> errors = new ArrayList<>();
            for (Listing l : listings) {
                all.addAll(l.uploads());
                if (l.error() != null) {
                    errors.add(l.error());
                } else if (linkageFailures.containsKey(l.list())) {
                    linkageFailures.get(l.list()).set((int) l.uploads().stream().filter(u -> LINKAGE_FAILURE.equals(u.status())).count());
                }
            }
            all.sort(Comparator.comparing((PastUpload u) -> instant(u.createdAt())).reversed());
            return new UploadHistoryReport(all.subList(0, Math.min(limit, all.size())), errors);
        });
    }

    private record Listing(Wanted.Upload list, List<PastUpload> uploads, Check error) {
    }

    private List<PastUpload> parse(Wanted.Upload list, String body) {
        List<PastUpload> uploads = new ArrayList<>();
        for (JsonNode u : Facts.tree(body).path("uploadings")) {
            if (list == Wanted.Upload.CDP) {
                uploads.add(new PastUpload("cdp", Facts.text(u, "uploading_id"), Facts.text(u, "datetime"),
                        Facts.text(u, "api_validation_status"), number(u, "elements_count"), null, null,
                        Facts.text(u, "entity_type"), "FAILED".equals(Facts.text(u, "api_validation_status"))
                                ? "Metrica refused the upload's contents: " + String.join("; ", texts(u.path("api_validation_errors"))) : null));
            } else {
                String status = Facts.text(u, "status");
                uploads.add(new PastUpload(name(list), Facts.text(u, "id"), Facts.text(u, "create_time"), status,
                        number(u, "source_quantity"), number(u, "line_quantity"), number(u, "linked_quantity"),
                        Facts.text(u, "comment"), LINKAGE_FAILURE.equals(status) ? "no row matched a visit: a wrong ClientId or yclid, "
                                + "a visit more than 21 days before the " + (list == Wanted.Upload.CALLS ? "call" : "conversion")
                                + ", or tracking switched on after the visit (see docs/troubleshooting.md)" : null));
            }
        }
        return uploads;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || !v.canConvertToLong() ? null : v.asLong();
    }

    private Instant instant(String time) {
        if (time == null) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException notOffset) {
            // Metrica's local form
        }
        try {
            return LocalDateTime.parse(time.replace('T', ' '), METRICA).atZone(zone).toInstant();
        } catch (DateTimeParseException unknown) {
            return Instant.EPOCH;
        }
    }

    static String name(Wanted.Upload list) {
        return list.name().toLowerCase(java.util.Locale.ROOT);
    }
}
