package ru.metricarelay.metrica.setup;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.metrica.CallPolicy;
import ru.metricarelay.metrica.MetricaFailure;

/**
 * Checks that the counter can take what the configuration sends (docs/troubleshooting.md): the token,
 * the counter's permission and time zone, every goal, the order-status map, offline conversion and call
 * tracking, the CDP API. Reads only. Each answer becomes one {@link Check} with the exact fix ({@link Findings}).
 */
@Singleton
public class Doctor {

    // package-private field injection: Quarkus sets them without reflection
    @Inject CounterApi api;
    @Inject CallPolicy policy;
    @Inject Findings findings;

    public Uni<DoctorReport> run(Wanted wanted) {
        Deadline d = policy.adminDeadline();
        return api.counter(d).onItemOrFailure().transformToUni((counter, failure) -> {
            if (failure != null) {
                return Uni.createFrom().item(new DoctorReport(findings.counterUnreadable(failure)));
            }
            List<Check> first = List.of(findings.tokenAccepted(), findings.counter(counter), findings.timeZone(counter));
            List<Uni<List<Check>>> rest = new ArrayList<>();
            if (!wanted.goals().isEmpty()) {
                rest.add(read("goals", api.goals(d).map(goals -> findings.goals(wanted, goals))));
            }
            if (!wanted.orderStatuses().isEmpty()) {
                rest.add(read("order_statuses", api.orderStatuses(d).map(map -> List.of(findings.orderStatuses(wanted, map)))));
            }
            for (Wanted.Upload kind : List.of(Wanted.Upload.CONVERSIONS, Wanted.Upload.CALLS)) {
                if (wanted.uploads().contains(kind)) {
                    rest.add(read(Findings.trackingName(kind), api.threshold(kind, d)
                            .map(body -> List.of(findings.tracking(kind, counter, Facts.thresholdDate(body))))));
                }
            }
            if (wanted.uploads().contains(Wanted.Upload.CDP)) {
                rest.add(read("cdp", api.cdpAnswers(d).map(body -> List.of(Check.ok("cdp", "the CDP API answers for counter "
                        + api.counterId() + " (orders and contacts can be uploaded)")))));
            }
            if (rest.isEmpty()) {
                return Uni.createFrom().item(new DoctorReport(first));
            }
            return Uni.join().all(rest).andFailFast().map(lists -> {
                List<Check> all = new ArrayList<>(first);
                lists.forEach(all::addAll);
                return new DoctorReport(all);
            });
        });
    }

    /** A read that failed becomes a failed check of its own; the other checks still run. */
    private Uni<List<Check>> read(String name, Uni<List<Check>> checks) {
        return checks.onFailure().recoverWithItem(f -> List.of(findings.unreadable(name, (MetricaFailure) f)));
    }
}
