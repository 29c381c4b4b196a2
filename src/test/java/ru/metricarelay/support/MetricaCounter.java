package ru.metricarelay.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * One Metrica counter as the management and CDP APIs show it: settings (time zone, permission, offline
 * options), goals, the order-status map, the visit-join thresholds and the upload lists. Stateful, like
 * Metrica: a goal created with POST is in the next GET. Tests shape it ({@link #reset}, the setters) and
 * read Metrica's request journal to count writes. Answers only requests whose stub names it
 * ({@link MetricaStandIn#reset} installs those stubs); {@link MetricaRules} has already checked the token
 * and the bodies by then.
 */
public class MetricaCounter implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "metrica-counter";

    public volatile String timeZone;
    public volatile String permission;
    public volatile boolean conversionsEnabled;
    public volatile boolean callsEnabled;
    /** visit_join_threshold's date; null answers {"date":null}. */
    public volatile String conversionsFrom;
    public volatile String callsFrom;
    private final List<ObjectNode> goals = new ArrayList<>();
    private final Map<String, ObjectNode> orderStatuses = new LinkedHashMap<>();
    public final List<ObjectNode> conversionUploadings = new ArrayList<>();
    public final List<ObjectNode> callUploadings = new ArrayList<>();
    public final List<ObjectNode> cdpUploadings = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(1000);

    public MetricaCounter() {
        reset();
    }

    /** A healthy counter in Moscow with nothing set up: no goals, no mapped statuses, tracking off. */
    public synchronized void reset() {
        timeZone = "Europe/Moscow";
        permission = "edit";
        conversionsEnabled = false;
        callsEnabled = false;
        conversionsFrom = null;
        callsFrom = null;
        goals.clear();
        orderStatuses.clear();
        conversionUploadings.clear();
        callUploadings.clear();
        cdpUploadings.clear();
    }

    /** Everything the relay's default configuration needs is there (goals given, tracking on since 2025). */
    public synchronized void setUp(String... actionGoals) {
        for (String goal : actionGoals) {
            addGoal("action", "exact", goal);
        }
        conversionsEnabled = true;
        callsEnabled = true;
        conversionsFrom = "2025-01-10 00:00:00";
        callsFrom = "2025-01-10 00:00:00";
    }

    public synchronized void addGoal(String type, String conditionType, String url) {
        ObjectNode goal = MetricaRules.JSON.createObjectNode().put("id", ids.incrementAndGet()).put("name", "goal " + url).put("type", type);
        goal.putArray("conditions").addObject().put("type", conditionType).put("url", url);
        goals.add(goal);
    }

    public synchronized List<String> exactActionGoals() {
        List<String> ids = new ArrayList<>();
        for (ObjectNode g : goals) {
            if ("action".equals(g.path("type").asText()) && "exact".equals(g.path("conditions").path(0).path("type").asText())) {
                ids.add(g.path("conditions").path(0).path("url").asText());
            }
        }
        return ids;
    }

    public synchronized Map<String, String> orderStatusTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        orderStatuses.forEach((id, s) -> types.put(id, s.path("type").asText()));
        return types;
    }

    /** An offline conversion (or call) upload in Metrica's list. */
    public static ObjectNode uploading(long id, String createTime, String status, long rows, long valid) {
        return MetricaRules.JSON.createObjectNode().put("id", id).put("create_time", createTime).put("status", status)
                .put("source_quantity", rows).put("line_quantity", valid).put("client_id_type", "CLIENT_ID");
    }

    /** A CDP upload in last_uploadings. */
    public static ObjectNode cdpUploading(String id, String datetime, String validation, long elements) {
        return MetricaRules.JSON.createObjectNode().put("uploading_id", id).put("datetime", datetime)
                .put("api_validation_status", validation).put("elements_count", elements).put("entity_type", "SYSTEM")
                .put("uploading_format", "JSON").put("uploading_source", "API");
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition given = event.getResponseDefinition();
        if (given.getStatus() != 200) {
            return given; // MetricaRules refused the request: its answer stands
        }
        Request request = event.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        String tail = path.replaceFirst("^/(management/v1|cdp/api/v1)/counter/\\d+", "");
        boolean post = "POST".equals(request.getMethod().getName());
        try {
            return switch (tail) {
                case "" -> ok(counter());
                case "/goals" -> post ? ok(createGoal(request)) : ok(list("goals", goals));
                case "/schema/order_statuses" -> post ? ok(mapStatuses(request)) : ok(list("order_statuses", new ArrayList<>(orderStatuses.values())));
                case "/offline_conversions/visit_join_threshold" -> ok(date(conversionsFrom));
                case "/offline_conversions/calls_visit_join_threshold" -> ok(date(callsFrom));
                case "/offline_conversions/extended_threshold" -> {
                    conversionsEnabled = true;
                    yield ok(success());
                }
                case "/offline_conversions/calls_extended_threshold" -> {
                    callsEnabled = true;
                    yield ok(success());
                }
                case "/offline_conversions/uploadings" -> ok(list("uploadings", conversionUploadings));
                case "/offline_conversions/calls_uploadings" -> ok(list("uploadings", callUploadings));
                case "/last_uploadings" -> ok(list("uploadings", cdpUploadings));
                default -> MetricaRules.error(404, "not_found", "Entity not found");
            };
        } catch (Exception e) {
            return MetricaRules.error(400, "invalid_json", "stand-in: " + e.getMessage());
        }
    }

    private ObjectNode counter() {
        ObjectNode root = MetricaRules.JSON.createObjectNode();
        ObjectNode c = root.putObject("counter");
        c.put("id", MetricaStandIn.COUNTER).put("name", "Stand-in shop").put("site", "shop.example").put("status", "Active")
                .put("permission", permission).put("time_zone_name", timeZone).put("time_zone_offset", 180);
        c.putObject("offline_options").put("offline_conversion_extended_threshold", conversionsEnabled ? 1 : 0)
                .put("offline_calls_extended_threshold", callsEnabled ? 1 : 0).put("offline_visits_extended_threshold", 0);
        return root;
    }

    private ObjectNode createGoal(Request request) throws Exception {
        JsonNode goal = MetricaRules.JSON.readTree(request.getBodyAsString()).path("goal");
        ObjectNode created = ((ObjectNode) goal.deepCopy()).put("id", ids.incrementAndGet());
        goals.add(created);
        ObjectNode root = MetricaRules.JSON.createObjectNode();
        root.set("goal", created);
        return root;
    }

    private ObjectNode mapStatuses(Request request) throws Exception {
        for (JsonNode s : MetricaRules.JSON.readTree(request.getBodyAsString()).path("order_statuses")) {
            orderStatuses.put(s.path("id").asText(), (ObjectNode) s.deepCopy());
        }
        return success();
    }

    private static ObjectNode list(String field, List<ObjectNode> items) {
        ObjectNode root = MetricaRules.JSON.createObjectNode();
        ArrayNode array = root.putArray(field);
        items.forEach(array::add);
        return root;
    }

    private static ObjectNode date(String date) {
        ObjectNode root = MetricaRules.JSON.createObjectNode();
        return date == null ? root.putNull("date") : root.put("date", date);
    }

    private static ObjectNode success() {
        return MetricaRules.JSON.createObjectNode().put("success", true);
    }

    private static ResponseDefinition ok(JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).build();
    }
}
