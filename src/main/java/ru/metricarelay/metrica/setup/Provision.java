package ru.metricarelay.metrica.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.CallPolicy;
import ru.metricarelay.metrica.MetricaFailure;

/**
 * Creates what doctor finds missing (docs/architecture.md#operator-tools), and nothing else: reads first,
 * writes only the missing goals (action, exact), order statuses and tracking switches, one write at a
 * time and never retried, then reads back. A second run finds nothing missing and writes nothing.
 */
@Singleton
public class Provision {

    private static final Logger LOG = Logger.getLogger(Provision.class);
    static final Set<String> TYPES = Set.of("IN_PROGRESS", "PAID", "CANCELLED", "SPAM");

    private final CounterApi api;
    private final CallPolicy policy;
    private final SetupConfig setup;
    private final Findings findings;

    Provision(CounterApi api, CallPolicy policy, SetupConfig setup, Findings findings) {
        this.api = api;
        this.policy = policy;
        this.setup = setup;
        this.findings = findings;
    }

    /** A planned write: the change to report and the call that makes it. */
    private record Write(Change change, Function<Deadline, Uni<String>> call) {
    }

    public Uni<ProvisionReport> run(Wanted wanted, boolean dryRun) {
        Deadline d = policy.adminDeadline();
        return api.counter(d).onItemOrFailure().transformToUni((counter, failure) -> {
            if (failure != null) {
                return Uni.createFrom().item(new ProvisionReport(dryRun, List.of(), findings.counterUnreadable(failure)));
            }
            Check access = findings.counter(counter);
            if (access.status() == Check.Status.FAIL) {
                return Uni.createFrom().item(new ProvisionReport(dryRun, List.of(), List.of(access)));
            }
            return read(wanted, d).chain(state -> {
                List<Change> manual = new ArrayList<>();
                List<Write> writes = plan(wanted, counter, state, manual, dryRun);
                if (dryRun || writes.isEmpty()) {
                    List<Change> all = new ArrayList<>(writes.stream().map(Write::change).toList());
                    all.addAll(manual);
                    return Uni.createFrom().item(new ProvisionReport(dryRun, all, List.of()));
                }
                return write(writes, d).chain(done -> readBack(wanted, done, d)).map(done -> {
                    List<Change> all = new ArrayList<>(done);
                    all.addAll(manual);
                    return new ProvisionReport(false, all, List.of());
                });
            });
        });
    }

    /** Goals and the order-status map as they are now (only what the configuration needs is read). */
    private record State(List<Facts.Goal> goals, List<Facts.OrderStatus> statuses) {
    }

    private Uni<State> read(Wanted wanted, Deadline d) {
        Uni<List<Facts.Goal>> goals = wanted.goals().isEmpty() ? Uni.createFrom().item(List.of()) : api.goals(d);
        Uni<List<Facts.OrderStatus>> statuses = wanted.orderStatuses().isEmpty() ? Uni.createFrom().item(List.of()) : api.orderStatuses(d);
        return Uni.combine().all().unis(goals, statuses).with(State::new);
    }

    private List<Write> plan(Wanted wanted, Facts.Counter counter, State state, List<Change> manual, boolean dryRun) {
        List<Write> writes = new ArrayList<>();
        wanted.goals().forEach((id, usedBy) -> {
            if (state.goals().stream().anyMatch(g -> g.isExactActionFor(id))) {
                return;
            }
            Optional<Facts.Goal> near = state.goals().stream().filter(g -> g.mentions(id)).findFirst();
            if (near.isPresent()) {
                manual.add(new Change("goal", id, "manual", findings.goal(id, usedBy, state.goals()).fix(), null));
                return;
            }
            writes.add(new Write(new Change("goal", id, dryRun ? "would_create" : "created",
                    "JavaScript-event goal \"Metrica Relay: " + id + "\", condition exact " + id, null), d -> api.createGoal(id, d)));
        });
        Map<String, Facts.OrderStatus> map = new LinkedHashMap<>();
        state.statuses().forEach(s -> map.put(s.id(), s));
        List<String> added = new ArrayList<>();
        for (String status : wanted.orderStatuses().keySet()) {
            if (!map.containsKey(status)) {
                map.put(status, new Facts.OrderStatus(status, status, typeOf(status)));
                added.add(status + " as " + typeOf(status));
            }
        }
        if (!added.isEmpty()) {
            List<Facts.OrderStatus> all = List.copyOf(map.values());
            writes.add(new Write(new Change("order_statuses", String.join(",", added.stream().map(a -> a.split(" ")[0]).toList()),
                    dryRun ? "would_map" : "mapped", "order statuses " + String.join(", ", added), null), d -> api.mapOrderStatuses(all, d)));
        }
        for (Wanted.Upload kind : List.of(Wanted.Upload.CONVERSIONS, Wanted.Upload.CALLS)) {
            Boolean on = kind == Wanted.Upload.CALLS ? counter.callsEnabled() : counter.conversionsEnabled();
            if (wanted.uploads().contains(kind) && !Boolean.TRUE.equals(on)) {
                String endpoint = kind == Wanted.Upload.CALLS ? "calls_extended_threshold" : "extended_threshold";
                writes.add(new Write(new Change(Findings.trackingName(kind), endpoint, dryRun ? "would_enable" : "enabled",
                        (kind == Wanted.Upload.CALLS ? "call" : "offline conversion") + " tracking with the 21-day window; uploads "
                                + "link to visits about a day later", null), d -> api.enableTracking(kind, d)));
            }
        }
        return writes;
    }

    private String typeOf(String status) {
        String type = setup.orderStatusTypes().getOrDefault(status, setup.defaultOrderStatusType()).trim().toUpperCase(Locale.ROOT);
        return TYPES.contains(type) ? type : "IN_PROGRESS";
    }

    /** One write after the other: few, and each logged, so an operator sees exactly what changed. */
    private Uni<List<Change>> write(List<Write> writes, Deadline d) {
        Uni<List<Change>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Write w : writes) {
            chain = chain.chain(done -> w.call().apply(d)
                    .map(ok -> w.change())
                    .onFailure().recoverWithItem(f -> w.change().failed(f instanceof MetricaFailure m ? m.detail() : f.toString()))
                    .map(change -> {
                        LOG.infof("provision: %s %s %s%s", change.action(), change.what(), change.name(),
                                "failed".equals(change.action()) ? ": " + change.detail() : "");
                        done.add(change);
                        return done;
                    }));
        }
        return chain;
    }

    /** Reads again and marks each written change as seen or not. */
    private Uni<List<Change>> readBack(Wanted wanted, List<Change> done, Deadline d) {
        return Uni.combine().all().unis(read(wanted, d), api.counter(d)).asTuple().map(t -> {
            State state = t.getItem1();
            Facts.Counter counter = t.getItem2();
            return done.stream().map(c -> "failed".equals(c.action()) ? c : c.verified(seen(c, state, counter))).toList();
        }).onFailure().recoverWithItem(f -> done.stream().map(c -> "failed".equals(c.action()) ? c : c.verified(false)).toList());
    }

    private static boolean seen(Change c, State state, Facts.Counter counter) {
        return switch (c.what()) {
            case "goal" -> state.goals().stream().anyMatch(g -> g.isExactActionFor(c.name()));
            case "order_statuses" -> List.of(c.name().split(",")).stream()
                    .allMatch(s -> state.statuses().stream().anyMatch(m -> m.id().equals(s)));
            case "calls_tracking" -> !Boolean.FALSE.equals(counter.callsEnabled());
            default -> !Boolean.FALSE.equals(counter.conversionsEnabled());
        };
    }
}
