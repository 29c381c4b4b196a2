package ru.metricarelay.source.bitrix24;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.source.Json;

/**
 * What a Bitrix24 webhook says (docs/sources/bitrix24.md): an event name, the id of the record it is about —
 * nothing else of the record — and which portal sent it. The body is PHP http_build_query form:
 * {@code event=ONCRMDEALUPDATE&data[FIELDS][ID]=6641&auth[domain]=...}, already a tree here.
 *
 * @param event  upper-case event name, or ROBOT for an automation rule's call (document_id[2]=DEAL_7)
 * @param entity the record kind to read; null for events the relay does not turn into records
 * @param id     the record id (digits); may be null only when entity is null
 */
record Notice(String event, CrmEntity entity, String id, String domain, String clientEndpoint, String applicationToken) {

    static final String ID_FIELD = "data[FIELDS][ID]";
    private static final Pattern ID = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern DOCUMENT = Pattern.compile("(DEAL|LEAD)_(\\d{1,18})");
    private static final Pattern EVENT_NAME = Pattern.compile("[A-Z0-9_.]{1,64}");

    static Notice read(JsonNode payload) {
        JsonNode auth = payload.path("auth");
        String domain = Json.text(auth.get("domain"));
        String endpoint = Json.text(auth.get("client_endpoint"));
        String token = Json.text(auth.get("application_token"));
        String event = Json.text(payload.get("event"));
        if (event == null) {
            // an automation rule (robot) names the document instead of an event
            String document = Json.text(payload.path("document_id").get("2"));
            Matcher m = document == null ? null : DOCUMENT.matcher(document.trim().toUpperCase(Locale.ROOT));
            if (m != null && m.matches()) {
                return new Notice("ROBOT", CrmEntity.valueOf(m.group(1)), id(m.group(2), "document_id[2]"), domain, endpoint, token);
            }
            throw RelayProblem.unprocessable("event",
                    "a Bitrix24 webhook names its event (event=ONCRMDEALUPDATE); this body has none");
        }
        String name = event.toUpperCase(Locale.ROOT);
        if (!EVENT_NAME.matcher(name).matches()) {
            throw RelayProblem.unprocessable("event", "event is not a Bitrix24 event name");
        }
        CrmEntity entity = CrmEntity.ofEvent(name);
        String raw = Json.text(payload.path("data").path("FIELDS").get("ID"));
        if (entity == null) {
            return new Notice(name, null, raw != null && ID.matcher(raw).matches() ? raw : null, domain, endpoint, token);
        }
        if (raw == null) {
            throw RelayProblem.unprocessable(ID_FIELD, name + " without " + ID_FIELD + ": no " + entity.label() + " to read");
        }
        return new Notice(name, entity, id(raw, ID_FIELD), domain, endpoint, token);
    }

    private static String id(String raw, String field) {
        String id = withoutLeadingZeros(raw.trim());
        if (!ID.matcher(id).matches()) {
            throw RelayProblem.unprocessable(field, field + " must be a positive whole number (a Bitrix24 record id)");
        }
        return id;
    }

    /** "000123" → "123", "0" stays "0" (then refused: ids start at 1). */
    private static String withoutLeadingZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0' && digits.charAt(i + 1) >= '0' && digits.charAt(i + 1) <= '9') {
            i++;
        }
        return digits.substring(i);
    }
}
