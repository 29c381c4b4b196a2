package ru.metricarelay.source.amocrm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.source.Json;

/**
 * The {@code custom_fields} of one lead or contact: {@code [k][id|name|code]} and
 * {@code [k][values][m][value]} (+ {@code [enum]}), or {@code [k][values][m]} directly (dates in real
 * traffic). A field with a code but no values is empty. Fields are found by code or name, never by
 * id: ids differ per account (docs/sources/amocrm.md).
 */
record CustomFields(List<Field> fields) {

    /** Code and name upper-cased once: every configured name is compared with every field. */
    record Field(String upperCode, String upperName, List<String> values) {

        boolean isCalled(String upperCaseName) {
            return upperCaseName.equals(upperCode) || upperCaseName.equals(upperName);
        }
    }

    static CustomFields of(JsonNode node) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode field : Tree.items(node).values()) {
            if (field.isObject()) {
                fields.add(new Field(upper(Json.text(field.get("code"))), upper(Json.text(field.get("name"))),
                        values(field.get("values"))));
            }
        }
        return new CustomFields(List.copyOf(fields));
    }

    /**
     * Values of the fields whose code or name is one of {@code names} (case-insensitive): fields
     * matching the first name first, then the second, ...; so the configured order is the priority.
     */
    List<String> valuesOf(Collection<String> names) {
        List<String> out = new ArrayList<>();
        for (String name : names) {
            String wanted = upper(name);
            fields.stream().filter(f -> f.isCalled(wanted)).forEach(f -> out.addAll(f.values()));
        }
        return out;
    }

    /** Every value of every field that contains {@code needle} (case-insensitive): URLs with yclid=, say. */
    List<String> valuesContaining(String needle) {
        String lower = needle.toLowerCase(Locale.ROOT);
        return fields.stream().flatMap(f -> f.values().stream())
                .filter(v -> v.toLowerCase(Locale.ROOT).contains(lower)).toList();
    }

    private static List<String> values(JsonNode values) {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        if (!values.isContainerNode()) {
            addText(out, values);
            return out;
        }
        for (JsonNode value : Tree.items(values).values()) {
            addText(out, value.isObject() ? value.get("value") : value); // [enum] is an option id, not a value
        }
        return out;
    }

    private static void addText(List<String> out, JsonNode node) {
        String text = Json.text(node);
        if (text != null) {
            out.add(text);
        }
    }

    static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }
}
