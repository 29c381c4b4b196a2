package ru.metricarelay.support;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * What Metrica itself checks, applied to every request the stand-in receives, before any stub
 * answers: OAuth header, multipart part "file", CSV headers and values, unix DateTime in the past,
 * CDP local dates, required order fields. A violation is answered the way Metrica answers
 * (400/401 with its error body), so a relay bug surfaces as a failed test, never as a silent pass.
 */
public class MetricaRules implements ResponseDefinitionTransformerV2 {

    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter CDP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    static final Set<String> VISITOR_COLUMNS = Set.of("ClientId", "Yclid", "UserId", "PurchaseId");

    /**
     * A conversion Target the stand-in refuses as Metrica refuses a bad row: 400 invalid_uploading, "Неверный формат
     * данных, ошибка в строке номер N", N the row's line in the file (the header is line 1). Lets tests plant one
     * invalid row among valid ones.
     */
    public static final String REFUSED_TARGET = "stand_in_refuses_this_row";
    static final String BAD_LINE = "Неверный формат данных, ошибка в строке номер ";

    /** Metrica's answer naming the line, thrown out of the checks. */
    static final class RefusedLine extends RuntimeException {
        RefusedLine(int line) {
            super(BAD_LINE + line, null, false, false);
        }
    }

    private final String token;

    public MetricaRules(String token) {
        this.token = token;
    }

    @Override
    public String getName() {
        return "metrica-rules";
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        if (!("OAuth " + token).equals(request.getHeader("Authorization"))) {
            return error(401, "unauthorized", "Invalid oauth_token");
        }
        List<String> problems = new ArrayList<>();
        try {
            check(request, problems);
        } catch (RefusedLine refused) {
            return error(400, "invalid_uploading", refused.getMessage());
        } catch (Exception e) {
            problems.add("unreadable request: " + e);
        }
        return problems.isEmpty() ? event.getResponseDefinition()
                : error(400, "invalid_parameter", "stand-in: " + String.join("; ", problems));
    }

    static final Set<String> GOAL_TYPES = Set.of("url", "action", "number", "step", "ecommerce", "call", "messenger");
    static final Set<String> CONDITION_TYPES = Set.of("exact", "contain", "start", "regexp", "action");
    static final Set<String> STATUS_TYPES = Set.of("IN_PROGRESS", "PAID", "CANCELLED", "SPAM");

    private static void check(Request request, List<String> problems) throws Exception {
        String path = request.getUrl().split("\\?", 2)[0];
        Map<String, String> query = query(request.getUrl());
        boolean post = "POST".equals(request.getMethod().getName());
        if (post && path.endsWith("/goals")) {
            goal(JSON.readTree(request.getBodyAsString()).path("goal"), problems);
        } else if (post && path.endsWith("/schema/order_statuses")) {
            JsonNode statuses = JSON.readTree(request.getBodyAsString()).path("order_statuses");
            require(statuses.isArray() && statuses.size() > 0, "order_statuses must be a non-empty array", problems);
            for (JsonNode s : statuses) {
                require(s.path("id").asText("").matches("[\\w\\-:]{1,255}"), "order status id must match ^[\\w-:]+$", problems);
                require(STATUS_TYPES.contains(s.path("type").asText()), "order status type must be one of " + STATUS_TYPES, problems);
                require(!s.path("humanized").asText("").isBlank(), "order status without humanized", problems);
            }
        } else if (path.endsWith("/data/contacts/json")) {
            require(query.containsKey("merge_mode"), "merge_mode is required", problems);
            JsonNode contacts = JSON.readTree(request.getBodyAsString()).path("contacts");
            require(contacts.isArray() && contacts.size() > 0, "contacts must be a non-empty array", problems);
            contacts.forEach(c -> require(c.path("uniq_id").isTextual(), "contact without uniq_id", problems));
        } else if (path.endsWith("/data/orders/json")) {
            require(query.containsKey("merge_mode"), "merge_mode is required", problems);
            JsonNode orders = JSON.readTree(request.getBodyAsString()).path("orders");
            require(orders.isArray() && orders.size() > 0, "orders must be a non-empty array", problems);
            for (JsonNode o : orders) {
                for (String field : List.of("id", "client_uniq_id", "client_type", "order_status", "create_date_time")) {
                    require(o.path(field).isTextual() && !o.path(field).asText().isEmpty(), "order without " + field, problems);
                }
                require("CONTACT".equals(o.path("client_type").asText()), "client_type must be CONTACT", problems);
                cdpDate(o.path("create_date_time").asText(), problems);
                if (o.has("update_date_time")) {
                    cdpDate(o.path("update_date_time").asText(), problems);
                }
                require(!o.has("revenue") || o.get("revenue").isNumber(), "revenue must be a number", problems);
                require(o.path("goals").size() <= 100, "at most 100 goals", problems);
            }
        } else if (path.endsWith("/data/simple_orders")) {
            require(query.containsKey("merge_mode"), "merge_mode is required", problems);
            List<Map<String, String>> rows = csv(request, problems);
            for (Map<String, String> row : rows) {
                require(!row.getOrDefault("create_date_time", "").isEmpty(), "create_date_time is required", problems);
                require(!(row.getOrDefault("client_ids", "") + row.getOrDefault("emails", "") + row.getOrDefault("phones", "")
                        + row.getOrDefault("emails_md5", "") + row.getOrDefault("phones_md5", "")).isEmpty(),
                        "one of client_ids, emails, phones is required", problems);
            }
        } else if (path.endsWith("/offline_conversions/upload") && "CHATS".equals(query.get("type"))) {
            for (Map<String, String> row : csv(request, problems)) {
                pastUnix(row.get("DateTime"), problems);
                require(Set.of("whatsapp", "telegram", "viber").contains(row.get("ChatPlatform")), "bad ChatPlatform", problems);
                require(!(row.getOrDefault("ChatUserID", "") + row.getOrDefault("ChatUsername", "")
                        + row.getOrDefault("PhoneNumber", "")).isEmpty(), "a chat needs ChatUserID, ChatUsername or PhoneNumber", problems);
            }
        } else if (path.endsWith("/offline_conversions/upload")) {
            List<Map<String, String>> rows = csv(request, problems);
            for (int i = 0; i < rows.size(); i++) {
                Map<String, String> row = rows.get(i);
                require(row.keySet().stream().anyMatch(VISITOR_COLUMNS::contains), "no visitor id column", problems);
                require(!row.getOrDefault("Target", "").isEmpty(), "Target is required", problems);
                pastUnix(row.get("DateTime"), problems);
                if (REFUSED_TARGET.equals(row.get("Target"))) {
                    throw new RefusedLine(i + 2); // line 1 is the header
                }
            }
        } else if (path.endsWith("/offline_conversions/upload_calls")) {
            for (Map<String, String> row : csv(request, problems)) {
                require(row.keySet().stream().anyMatch(VISITOR_COLUMNS::contains), "no visitor id column", problems);
                pastUnix(row.get("DateTime"), problems);
            }
        }
    }

    /** What POST goals checks (messages as Metrica words them). */
    private static void goal(JsonNode goal, List<String> problems) {
        require(!goal.path("name").asText("").isBlank(), "Имя цели не должно быть пустым", problems);
        require(GOAL_TYPES.contains(goal.path("type").asText()), "unknown goal type " + goal.path("type").asText(), problems);
        JsonNode conditions = goal.path("conditions");
        require(conditions.isArray() && conditions.size() > 0, "Количество условий должно быть больше нуля", problems);
        for (JsonNode c : conditions) {
            require(CONDITION_TYPES.contains(c.path("type").asText()), "unknown condition type " + c.path("type").asText(), problems);
            require(!c.path("url").asText("").isBlank(), "a condition needs url", problems);
        }
    }

    private static List<Map<String, String>> csv(Request request, List<String> problems) throws Exception {
        require(request.getHeader("Content-Type") != null && request.getHeader("Content-Type").startsWith("multipart/form-data"),
                "expected multipart/form-data", problems);
        Request.Part file = request.getPart("file");
        if (file == null) {
            problems.add("no multipart part named file");
            return List.of();
        }
        require(file.getFileName() != null && !file.getFileName().isBlank(), "the file part has no filename", problems);
        String text = file.getBody().asString();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            List<Map<String, String>> rows = it.readAll();
            require(!rows.isEmpty(), "the CSV has no rows", problems);
            return rows;
        }
    }

    private static void pastUnix(String value, List<String> problems) {
        try {
            long seconds = Long.parseLong(value);
            require(seconds < System.currentTimeMillis() / 1000, "DateTime " + value + " is in the future", problems);
        } catch (NumberFormatException e) {
            problems.add("DateTime " + value + " is not a unix timestamp");
        }
    }

    private static void cdpDate(String value, List<String> problems) {
        try {
            LocalDateTime.parse(value, CDP);
        } catch (DateTimeParseException e) {
            problems.add("date " + value + " is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private static void require(boolean ok, String problem, List<String> problems) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new java.util.HashMap<>();
        String[] parts = url.split("\\?", 2);
        if (parts.length == 2) {
            for (String pair : parts[1].split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return query;
    }

    static ResponseDefinition error(int status, String type, String message) {
        String body = "{\"errors\":[{\"error_type\":\"" + type + "\",\"message\":\"" + message.replace("\"", "'")
                + "\"}],\"code\":" + status + ",\"message\":\"" + message.replace("\"", "'") + "\"}";
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body).build();
    }
}
