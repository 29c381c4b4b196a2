package ru.metricarelay.metrica.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What Metrica's management and CDP answers say about the counter, read leniently (unknown fields ignored). */
final class Facts {

    static final ObjectMapper JSON = new ObjectMapper();

    private Facts() {
    }

    /** The counter: who may do what, its zone, whether offline conversions and calls are switched on (null: not said). */
    record Counter(long id, String name, String site, String status, String permission, String timeZone,
            Boolean conversionsEnabled, Boolean callsEnabled) {

        /** own and edit may change the counter; view, analyst and the *_access_filter kinds only read. */
        boolean writable() {
            return "own".equals(permission) || "edit".equals(permission);
        }
    }

    /** A goal and its conditions; an offline Target is an action goal whose condition is exact. */
    record Goal(long id, String name, String type, List<Condition> conditions) {

        boolean isExactActionFor(String identifier) {
            return "action".equals(type) && conditions.stream().anyMatch(c -> "exact".equals(c.type()) && identifier.equals(c.url()));
        }

        boolean mentions(String identifier) {
            return conditions.stream().anyMatch(c -> identifier.equals(c.url()));
        }
    }

    record Condition(String type, String url) {
    }

    /** One entry of the CDP order-status map. */
    record OrderStatus(String id, String humanized, String type) {
    }

    static Counter counter(String body) {
        JsonNode c = tree(body).path("counter");
        JsonNode offline = c.path("offline_options");
        return new Counter(c.path("id").asLong(), text(c, "name"), text(c, "site"), text(c, "status"), text(c, "permission"),
                text(c, "time_zone_name"), flag(offline, "offline_conversion_extended_threshold"),
                flag(offline, "offline_calls_extended_threshold"));
    }

    static List<Goal> goals(String body) {
        List<Goal> goals = new ArrayList<>();
        for (JsonNode g : tree(body).path("goals")) {
            List<Condition> conditions = new ArrayList<>();
            g.path("conditions").forEach(c -> conditions.add(new Condition(text(c, "type"), text(c, "url"))));
            goals.add(new Goal(g.path("id").asLong(), text(g, "name"), text(g, "type"), List.copyOf(conditions)));
        }
        return goals;
    }

    static List<OrderStatus> orderStatuses(String body) {
        List<OrderStatus> statuses = new ArrayList<>();
        for (JsonNode s : tree(body).path("order_statuses")) {
            statuses.add(new OrderStatus(text(s, "id"), text(s, "humanized"), text(s, "type")));
        }
        return statuses;
    }

    /** The "date" of visit_join_threshold / calls_visit_join_threshold, as Metrica wrote it. */
    static Optional<String> thresholdDate(String body) {
        return Optional.ofNullable(text(tree(body), "date")).filter(d -> !d.isBlank());
    }

    static JsonNode tree(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Metrica writes these switches as true/false or 1/0. */
    private static Boolean flag(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isBoolean() ? v.booleanValue() : v.asInt() != 0;
    }
}
