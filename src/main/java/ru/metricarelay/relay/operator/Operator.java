package ru.metricarelay.relay.operator;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Output;
import ru.metricarelay.metrica.setup.Check;
import ru.metricarelay.metrica.setup.Doctor;
import ru.metricarelay.metrica.setup.DoctorReport;
import ru.metricarelay.metrica.setup.Provision;
import ru.metricarelay.metrica.setup.ProvisionReport;
import ru.metricarelay.metrica.setup.UploadHistory;
import ru.metricarelay.metrica.setup.UploadHistoryReport;
import ru.metricarelay.metrica.setup.Wanted;
import ru.metricarelay.queue.Queue;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceRegistry;

/**
 * The operator tools (docs/architecture.md#operator-tools) for the web endpoints and the command line: works
 * out what the enabled sources need from the counter ({@link Wanted}) and hands it to doctor and
 * provision. Without a token there is nothing to ask Metrica, and the answer says so.
 */
@Singleton
public class Operator {

    /** Statuses Metrica knows without a mapping; IGNORE drops events and is never sent. */
    static final Set<String> OWN_STATUSES = Set.of("PAID", "IN_PROGRESS", "CANCELLED", "SPAM", "IGNORE");

    private final SourceRegistry sources;
    private final Doctor doctor;
    private final Provision provision;
    private final UploadHistory uploads;
    private final boolean noToken;
    private final boolean dryRun;
    private final QueueCheck queue;

    public Operator(SourceRegistry sources, Doctor doctor, Provision provision, UploadHistory uploads, MetricaConfig metrica,
            DeliveryMode mode, Queue queue) {
        this.sources = sources;
        this.doctor = doctor;
        this.provision = provision;
        this.uploads = uploads;
        this.noToken = metrica.token().filter(t -> !t.isBlank()).isEmpty();
        this.dryRun = mode.dryRun();
        this.queue = mode.queued() ? new QueueCheck(queue) : null;
    }

    public Uni<DoctorReport> doctor() {
        if (noToken) {
            return Uni.createFrom().item(new DoctorReport(List.of(noToken())));
        }
        Uni<DoctorReport> report = doctor.run(wanted());
        if (queue != null) {
            return report.chain(r -> queue.check().map(r::with));
        }
        if (!dryRun) {
            return report;
        }
        return report.map(r -> r.with(Check.warn("dry_run", "RELAY_DRY_RUN=true: webhooks are answered with the requests they "
                + "would make, and nothing is sent to Metrica", "Unset RELAY_DRY_RUN (or set it to false) to send.")));
    }

    public Uni<ProvisionReport> provision(boolean dryRunAsked) {
        if (noToken) {
            return Uni.createFrom().item(new ProvisionReport(true, List.of(), List.of(noToken())));
        }
        return provision.run(wanted(), dryRunAsked);
    }

    public Uni<UploadHistoryReport> uploads(int limit) {
        if (noToken) {
            return Uni.createFrom().item(new UploadHistoryReport(List.of(), List.of(noToken())));
        }
        return uploads.list(limit);
    }

    private static Check noToken() {
        return Check.fail("token", "METRICA_TOKEN is not set: the relay runs in dry-run mode, sends nothing to Metrica, "
                + "and there is no counter to check", "Set METRICA_TOKEN to an OAuth token with the metrika:write scope "
                + "(or metrika:offline_data) and METRICA_COUNTER_ID to your counter's number.");
    }

    /** What the enabled sources need: goals they name, order statuses of their own, and kinds of upload. */
    Wanted wanted() {
        Map<String, Set<String>> goals = new TreeMap<>();
        Map<String, Set<String>> statuses = new TreeMap<>();
        Set<Wanted.Upload> kinds = EnumSet.noneOf(Wanted.Upload.class);
        for (SourceAdapter adapter : sources.all()) {
            String name = adapter.name();
            SourceSettings s = adapter.settings();
            String prefix = "relay.sources." + name + ".";
            for (Output output : adapter.outputs()) {
                switch (output) {
                    case CONVERSION -> {
                        kinds.add(Wanted.Upload.CONVERSIONS);
                        adapter.targets().forEach(t -> need(goals, t, prefix + (t.equals(s.target()) ? "target" : adapter.targetsSetting())));
                    }
                    case CALL -> kinds.add(Wanted.Upload.CALLS);
                    case ORDER, SIMPLE_ORDER, CONTACT -> {
                        kinds.add(Wanted.Upload.CDP);
                        if (output != Output.CONTACT) {
                            s.goals().forEach((status, ids) -> ids.forEach(id -> need(goals, id, prefix + "goals." + status)));
                            s.statusMap().forEach((from, to) -> ownStatus(statuses, to, prefix + "status-map." + from));
                            ownStatus(statuses, s.defaultStatus(), prefix + "default-status");
                        }
                    }
                    default -> {
                        // CHAT: Metrica makes its own "Chat" goal; IGNORED: nothing is sent
                    }
                }
            }
        }
        return Wanted.of(goals, statuses, kinds);
    }

    private static void need(Map<String, Set<String>> map, String key, String from) {
        if (key != null && !key.isBlank()) {
            map.computeIfAbsent(key.trim(), k -> new TreeSet<>()).add(from);
        }
    }

    private static void ownStatus(Map<String, Set<String>> statuses, String status, String from) {
        if (status != null && !OWN_STATUSES.contains(status.trim().toUpperCase(java.util.Locale.ROOT))) {
            need(statuses, status, from);
        }
    }
}
