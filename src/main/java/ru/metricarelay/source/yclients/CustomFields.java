package ru.metricarelay.source.yclients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.source.Json;

/**
 * A record's or client's {@code custom_fields} (docs/sources/yclients.md#evidence): the API documents an object keyed
 * by each field's {@code code} ({"_ym_uid": "1674..."}); an empty one arrives as [] (PHP's empty array), and a list of
 * {code|name|title, value} objects is read too (inferred). A value may be a list (a "list" field): every item counts.
 */
final class CustomFields {

    private CustomFields() {
    }

    /** Values of the fields whose code (or name) {@code wanted} accepts, in the payload's order. */
    static List<String> values(JsonNode fields, Predicate<String> wanted) {
        List<String> out = new ArrayList<>();
        if (fields == null) {
            return out;
        }
        if (fields.isObject()) {
            for (var it = fields.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                if (wanted.test(field.getKey())) {
                    out.addAll(Json.texts(field.getValue()));
                }
            }
        } else if (fields.isArray()) {
            for (JsonNode field : fields) {
                String name = field.isObject() ? first(field, "code", "name", "title") : null;
                if (name != null && wanted.test(name)) {
                    out.addAll(Json.texts(field.get("value")));
                }
            }
        }
        return out;
    }

    private static String first(JsonNode field, String... names) {
        for (String name : names) {
            String value = Json.text(field.get(name));
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
