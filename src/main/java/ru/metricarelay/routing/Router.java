package ru.metricarelay.routing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Routed;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;

/**
 * Decides, per event, which Metrica record it becomes and with which status, money and goals
 * (docs/architecture.md#status-mapping). Pure: no I/O, so every rule here is unit-testable.
 */
@Singleton
public class Router {

    /** Statuses Metrica knows without a mapping (docs/architecture.md#metrica-facts-the-builder-relies-on). */
    static final Set<String> METRICA_STATUSES = Set.of("PAID", "IN_PROGRESS", "CANCELLED", "SPAM");
    static final String IGNORE = "IGNORE";
    static final int MAX_GOALS = 100;
    static final int MAX_ID = 255;

    public List<Routed> route(List<SourceItem> items, SourceSettings settings) {
        List<Routed> routed = new ArrayList<>(items.size());
        for (SourceItem item : items) {
            // every id, sent or IGNORED, is shown in the answer and the log: a 100 KB deal id is refused here
            checkId(item instanceof DealEvent event ? event.eventId() : ((Skipped) item).eventId());
            if (item instanceof DealEvent event) {
                routed.add(route(event, settings));
            } else {
                Skipped skipped = (Skipped) item;
                routed.add(Routed.ignored(skipped.eventId(), skipped.source(), skipped.reason()));
            }
        }
        return routed;
    }

    Routed route(DealEvent event, SourceSettings settings) {
        Output output = event.output() != null ? event.output() : settings.output();
        if (output == Output.IGNORED) {
            return Routed.ignored(event.eventId(), event.source(), "source_disabled");
        }
        String reason = missingIdentity(output, event);
        if (reason != null) {
            return Routed.ignored(event.eventId(), event.source(), reason);
        }
        String status = mapStatus(event.status(), settings);
        if (status == null) {
            return Routed.ignored(event.eventId(), event.source(), "status_not_mapped");
        }
        boolean isOrder = output == Output.ORDER || output == Output.SIMPLE_ORDER;
        boolean paysRevenue = settings.revenueStatuses().contains(status) || (!isOrder && event.status() == null);
        BigDecimal revenue = paysRevenue ? event.revenue() : null;
        BigDecimal cost = paysRevenue ? event.cost() : null;
        List<Goal> goals = new ArrayList<>(event.goals());
        settings.goals().getOrDefault(status, List.of()).stream().map(Goal::of).forEach(goals::add);
        String currency = event.currency() != null ? event.currency() : settings.currency();
        String target = event.goals().isEmpty() ? settings.target() : event.goals().get(0).id();
        checkLimits(event, goals);
        return new Routed(event.eventId(), event.source(), output, null, event, status, revenue, cost,
                currency.toUpperCase(Locale.ROOT), goals, target);
    }

    /** Metrica's own limits (docs/architecture.md#metrica-facts-the-builder-relies-on): refuse with 422 here rather than have Metrica reject the batch. */
    static void checkLimits(DealEvent event, List<Goal> goals) {
        checkId(event.eventId());
        for (String[] id : new String[][] {{"contact_id", event.identity().contactId()}, {"user_id", event.identity().userId()}}) {
            if (id[1] != null && (id[1].length() > MAX_ID || hasControl(id[1]))) {
                throw RelayProblem.unprocessable(id[0], "a " + id[0].replace('_', ' ') + " must be 1–" + MAX_ID + " printable characters");
            }
        }
        if (goals.size() > MAX_GOALS) {
            throw RelayProblem.unprocessable("goals", "Metrica takes at most " + MAX_GOALS + " goals per order; got " + goals.size());
        }
        for (Goal goal : goals) {
            if (goal.id().isBlank() || goal.id().length() > MAX_ID || hasControl(goal.id())) {
                throw RelayProblem.unprocessable("goals", "a goal id must be 1–" + MAX_ID + " printable characters");
            }
        }
    }

    /** An event id ({@code <source>:<account>:<id>}) is Metrica's order id: at most 255 printable characters. */
    static void checkId(String eventId) {
        if (eventId.length() > MAX_ID) {
            throw RelayProblem.unprocessable("id", "the deal id makes an order id longer than " + MAX_ID + " characters");
        }
        if (hasControl(eventId)) {
            // no sender means a line break in an id; one in a log line would forge a second line
            throw RelayProblem.unprocessable("id", "the deal id holds control characters (line breaks, escapes)");
        }
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    /** The sender's status as a Metrica status; null when configured to ignore it. */
    static String mapStatus(String raw, SourceSettings settings) {
        if (raw == null || raw.isBlank()) {
            return nonIgnored(settings.defaultStatus());
        }
        String mapped = settings.statusMap().get(raw.trim());
        if (mapped != null) {
            return nonIgnored(mapped);
        }
        String upper = raw.trim().toUpperCase(Locale.ROOT);
        if (METRICA_STATUSES.contains(upper)) {
            return upper;
        }
        return nonIgnored(settings.defaultStatus());
    }

    private static String nonIgnored(String status) {
        return status == null || status.isBlank() || IGNORE.equalsIgnoreCase(status) ? null : status;
    }

    /** Why this output cannot be made from the event's identity; null when it can. */
    static String missingIdentity(Output output, DealEvent event) {
        Identity id = event.identity();
        boolean ok = switch (output) {
            case ORDER, CONTACT -> id.hasAny();
            case SIMPLE_ORDER -> id.clientId() != null || !id.phones().isEmpty() || !id.emails().isEmpty();
            case CONVERSION, CALL -> id.hasVisitorId();
            case CHAT -> id.hasVisitorId() && event.chat() != null
                    && (event.chat().userId() != null || event.chat().username() != null || !id.phones().isEmpty());
            case IGNORED -> true;
        };
        return ok ? null : "no_identity";
    }
}
