package ru.metricarelay.metrica.setup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.metrica.MetricaFailure;

/**
 * Turns what Metrica said into checks with plain-word details and exact fixes (docs/troubleshooting.md).
 * Pure: no I/O, so each ok/warn/fail path is easy to see and to test.
 */
@Singleton
class Findings {

    static final String SCOPES = "metrika:write (or metrika:offline_data for uploads only)";
    private static final DateTimeFormatter METRICA_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final long counterId;
    private final ZoneId configuredZone;
    private final String apiUrl;

    @Inject
    Findings(MetricaConfig metrica) {
        this(metrica.counterId().orElse(0L), metrica.timezone(), metrica.apiUrl());
    }

    Findings(long counterId, ZoneId configuredZone, String apiUrl) {
        this.counterId = counterId;
        this.configuredZone = configuredZone;
        this.apiUrl = apiUrl;
    }

    Check tokenAccepted() {
        return Check.ok("token", "Metrica accepted METRICA_TOKEN");
    }

    /** The counter could not be read: a token problem (401, 403), a wrong counter (404), or Metrica unreachable. */
    List<Check> counterUnreadable(Throwable failure) {
        if (failure instanceof MetricaFailure.Rejected r && r.metricaStatus() == 401) {
            return List.of(Check.fail("token", "Metrica refused METRICA_TOKEN (401): the token is wrong, expired (tokens last a year) "
                    + "or was revoked. Nothing can be sent with it.", "Get a new OAuth token for an app with the " + SCOPES
                    + " scope, signed in as a Yandex account with edit access to counter " + counterId + ", and set METRICA_TOKEN to it."));
        }
        if (failure instanceof MetricaFailure.Rejected r && r.metricaStatus() == 403) {
            return List.of(Check.fail("token", "METRICA_TOKEN is valid but may not use counter " + counterId + " (403: " + r.detail()
                    + "). Either the app behind the token lacks the " + SCOPES + " scope, or the token's Yandex account has no access "
                    + "to this counter.", "Give the token's Yandex account edit access to counter " + counterId + " (Metrica: Settings → "
                    + "Access), or issue a token from an account that has it, for an app with the " + SCOPES + " scope; set METRICA_TOKEN."));
        }
        if (failure instanceof MetricaFailure.Rejected r && r.metricaStatus() == 404) {
            return List.of(tokenAccepted(), Check.fail("counter", "Metrica has no counter " + counterId + " (404): METRICA_COUNTER_ID is "
                    + "wrong or the counter was deleted.", "Set METRICA_COUNTER_ID to the counter number shown in Metrica's counter list."));
        }
        return List.of(unreadable("token", failure));
    }

    /** A read failed for another reason than the token: Metrica down, slow, or refusing this request. */
    Check unreadable(String name, Throwable failure) {
        String detail = failure instanceof MetricaFailure m ? m.detail() : failure.toString();
        if (failure instanceof MetricaFailure.Rejected r) {
            return Check.fail(name, "Metrica refused to answer (" + r.metricaStatus() + "): " + detail,
                    r.metricaStatus() == 403 ? "Give the token's account edit access to counter " + counterId + " and the " + SCOPES + " scope."
                            : "Check METRICA_COUNTER_ID (" + counterId + ") and run doctor again.");
        }
        return Check.fail(name, "Metrica did not answer: " + detail,
                "Check that " + apiUrl + " (METRICA_API_URL) is reachable from here, then run doctor again.");
    }

    Check counter(Facts.Counter c) {
        String what = "counter " + counterId + (c.site() == null ? "" : " (" + c.site() + ")");
        if ("Deleted".equalsIgnoreCase(c.status())) {
            return Check.fail("counter", what + " is deleted", "Restore it in Metrica or set METRICA_COUNTER_ID to a live counter.");
        }
        if (!c.writable()) {
            return Check.fail("counter", what + " can be read but not changed with this token (permission " + c.permission()
                    + "); uploads need own or edit.", "Give the token's Yandex account edit access to counter " + counterId
                    + " (Metrica: Settings → Access), or use a token of its owner.");
        }
        return Check.ok("counter", what + " is readable and writable (permission " + c.permission() + ")");
    }

    /** CDP dates are local times in METRICA_TIMEZONE: a counter in another zone shifts every CRM date. */
    Check timeZone(Facts.Counter c) {
        if (c.timeZone() == null) {
            return Check.warn("time_zone", "Metrica did not say which time zone counter " + counterId + " uses",
                    "Compare the counter's time zone in Metrica (Settings → Counter) with METRICA_TIMEZONE (" + configuredZone.getId() + ").");
        }
        ZoneId counterZone;
        try {
            counterZone = ZoneId.of(c.timeZone());
        } catch (RuntimeException unknown) {
            counterZone = null;
        }
        if (counterZone != null && sameRules(counterZone, configuredZone)) {
            return Check.ok("time_zone", "counter " + counterId + " uses " + c.timeZone() + ", as METRICA_TIMEZONE says");
        }
        String shift = counterZone == null ? "" : ", a shift of " + hours(counterZone) + " on every CRM order date";
        return Check.warn("time_zone", "counter " + counterId + " uses " + c.timeZone() + " but METRICA_TIMEZONE is "
                + configuredZone.getId() + shift, "Set METRICA_TIMEZONE=" + c.timeZone() + " (or change the counter's time zone in Metrica).");
    }

    private boolean sameRules(ZoneId counterZone, ZoneId configured) {
        return counterZone.normalized().equals(configured.normalized()) || counterZone.getRules().equals(configured.getRules());
    }

    private String hours(ZoneId counterZone) {
        Instant now = Instant.now();
        int seconds = counterZone.getRules().getOffset(now).getTotalSeconds() - configuredZone.getRules().getOffset(now).getTotalSeconds();
        return (seconds >= 0 ? "+" : "") + (seconds / 3600.0 == Math.rint(seconds / 3600.0) ? Integer.toString(seconds / 3600)
                : Double.toString(seconds / 3600.0)) + " h";
    }

    /** One check per goal the configuration names: an action goal with an exact condition on its identifier. */
    List<Check> goals(Wanted wanted, List<Facts.Goal> goals) {
        List<Check> checks = new ArrayList<>();
        wanted.goals().forEach((id, usedBy) -> checks.add(goal(id, usedBy, goals)));
        return checks;
    }

    Check goal(String id, Set<String> usedBy, List<Facts.Goal> goals) {
        String name = "goal " + id;
        String used = " (used by " + String.join(", ", usedBy) + ")";
        Optional<Facts.Goal> exact = goals.stream().filter(g -> g.isExactActionFor(id)).findFirst();
        if (exact.isPresent()) {
            return Check.ok(name, "JavaScript-event goal " + exact.get().id() + " \"" + exact.get().name() + "\" matches " + id
                    + " exactly" + used);
        }
        Optional<Facts.Goal> near = goals.stream().filter(g -> g.mentions(id)).findFirst();
        if (near.isPresent()) {
            Facts.Goal g = near.get();
            return Check.fail(name, "goal " + g.id() + " \"" + g.name() + "\" names " + id + " but is of type " + g.type()
                    + " with condition " + g.conditions().stream().map(Facts.Condition::type).collect(Collectors.joining(","))
                    + "; offline conversions and order goals only reach a JavaScript-event goal whose condition is exact" + used,
                    "In Metrica, change goal " + g.id() + " to a JavaScript-event goal with the condition \"exact\" (совпадает) "
                            + id + ", or create one and delete the old.");
        }
        return Check.fail(name, "counter " + counterId + " has no JavaScript-event goal " + id + used
                + "; records naming it are accepted but never reach a goal",
                "Run provision (POST /admin/provision, or java -jar quarkus-run.jar provision) to create it, or create a "
                        + "JavaScript-event goal with the condition \"exact\" " + id + " in Metrica.");
    }

    /** Every status the configuration sends that is not Metrica's own must be in the order-status map. */
    Check orderStatuses(Wanted wanted, List<Facts.OrderStatus> map) {
        Map<String, Facts.OrderStatus> byId = map.stream().collect(Collectors.toMap(Facts.OrderStatus::id, Function.identity(), (a, b) -> a));
        List<String> missing = wanted.orderStatuses().keySet().stream().filter(s -> !byId.containsKey(s)).toList();
        if (missing.isEmpty()) {
            return Check.ok("order_statuses", "the order-status map has " + String.join(", ", wanted.orderStatuses().keySet()));
        }
        return Check.fail("order_statuses", "orders are sent with status " + String.join(", ", missing)
                + ", which counter " + counterId + "'s order-status map does not have; Metrica does not know what they mean",
                "Run provision to map them (types from relay.setup.order-status-types.<status>, default IN_PROGRESS), "
                        + "or map them in Metrica's CRM settings.");
    }

    static String trackingName(Wanted.Upload kind) {
        return kind == Wanted.Upload.CALLS ? "calls_tracking" : "offline_conversions";
    }

    /** Offline conversion (or call) tracking switched on, and the date from which uploads link to visits. */
    Check tracking(Wanted.Upload kind, Facts.Counter counter, Optional<String> date) {
        String name = trackingName(kind);
        String what = kind == Wanted.Upload.CALLS ? "call tracking" : "offline conversion tracking";
        String endpoint = kind == Wanted.Upload.CALLS ? "calls_extended_threshold" : "extended_threshold";
        Boolean enabled = kind == Wanted.Upload.CALLS ? counter.callsEnabled() : counter.conversionsEnabled();
        if (Boolean.FALSE.equals(enabled) || enabled == null && date.isEmpty()) {
            return Check.fail(name, what + " (the extended 21-day window) is off for counter " + counterId
                    + "; uploads are refused or not linked to visits", "Run provision (it calls " + endpoint
                    + "), or switch it on in Metrica; uploads link to visits about a day later.");
        }
        if (date.isEmpty()) {
            return Check.ok(name, what + " is on for counter " + counterId);
        }
        Optional<Instant> from = instant(date.get());
        if (from.isPresent() && from.get().isAfter(Instant.now())) {
            return Check.warn(name, what + " is on, but Metrica refuses uploads until " + date.get()
                    + " (VISIT_JOIN_THRESHOLD_UNMET); records sent before then are answered 502",
                    "Wait until " + date.get() + "; failed records stay in the failed-events sink for POST /replay.");
        }
        return Check.ok(name, what + " is on; uploads link to visits from " + date.get()
                + " on (each to a visit at most 21 days before it)");
    }

    private Optional<Instant> instant(String date) {
        try {
            return Optional.of(OffsetDateTime.parse(date).toInstant());
        } catch (DateTimeParseException notOffset) {
            // fall through
        }
        for (DateTimeFormatter f : List.of(METRICA_DATE_TIME, DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
            try {
                return Optional.of(LocalDateTime.parse(date, f).atZone(configuredZone).toInstant());
            } catch (DateTimeParseException other) {
                // next
            }
        }
        try {
            return Optional.of(LocalDate.parse(date).atStartOfDay(configuredZone).toInstant());
        } catch (DateTimeParseException unknown) {
            return Optional.empty();
        }
    }
}
