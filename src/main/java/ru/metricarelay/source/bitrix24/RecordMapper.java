package ru.metricarelay.source.bitrix24;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.event.ClientId;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;

/**
 * A deal or lead as crm.deal.get / crm.lead.get return it (all values strings or null), plus its
 * contact, to the canonical event. Pure: no I/O.
 * <ul>
 * <li>status: the stage group STAGE_SEMANTIC_ID (leads: LEAD_ + STATUS_SEMANTIC_ID), mapped by
 *     relay.sources.bitrix24.status-map (S → PAID, F → CANCELLED, else IN_PROGRESS);</li>
 * <li>OPPORTUNITY + CURRENCY_ID, DATE_CREATE → created, DATE_MODIFY → this event's time;</li>
 * <li>ClientId: the configured UF_CRM_ field, else the first UF_CRM_* holding a valid ClientId;</li>
 * <li>CONTACT_ID → the Metrica contact; PHONE/EMAIL ([{"VALUE":..}]) of the lead and of the contact.</li>
 * </ul>
 * UTM_* are ignored: Metrica attributes by the ClientId's visit, not by the CRM's copy of the tags.
 */
final class RecordMapper {

    private RecordMapper() {
    }

    static DealEvent event(String source, String account, CrmEntity entity, String id, JsonNode record, JsonNode contact,
            String clientIdField, ZoneId zone) {
        String at = entity.method + " result.";
        String semantic = Json.text(record.get(entity.semanticField));
        Identity.Builder identity = Identity.builder()
                .clientId(clientId(record, clientIdField))
                .contactId(contactId(record));
        identity.phones(values(record.get("PHONE"))).emails(values(record.get("EMAIL")));
        if (contact != null) {
            identity.phones(values(contact.get("PHONE"))).emails(values(contact.get("EMAIL")));
        }
        return DealEvent.builder(source, account, entity.idPrefix + id)
                .identity(identity.build())
                .status(semantic == null ? null : entity.statusPrefix + semantic.toUpperCase(Locale.ROOT))
                .revenue(money(record, "OPPORTUNITY", at))
                .currency(currency(record, at))
                .createdAt(time(record, "DATE_CREATE", zone, at))
                .occurredAt(time(record, "DATE_MODIFY", zone, at))
                .build();
    }

    /** The configured field's ClientId, else the first UF_CRM_* field (in the portal's order) holding a valid one. */
    static String clientId(JsonNode record, String configuredField) {
        if (configuredField != null && !configuredField.isBlank()) {
            for (String value : Json.texts(record.get(configuredField.trim()))) {
                if (ClientId.isValid(value)) {
                    return value.trim();
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().startsWith("UF_CRM_") && field.getValue().isValueNode()) {
                String value = Json.text(field.getValue());
                if (ClientId.isValid(value)) {
                    return value;
                }
            }
        }
        return null;
    }

    /** CONTACT_ID; Bitrix24 writes "0" or null for none. */
    static String contactId(JsonNode record) {
        String id = Json.text(record.get("CONTACT_ID"));
        return id == null || id.equals("0") ? null : id;
    }

    /** VALUEs of a multi-field: [{"ID":"1","VALUE_TYPE":"WORK","VALUE":"+7 999 000-11-22","TYPE_ID":"PHONE"}]. */
    private static List<String> values(JsonNode multiField) {
        List<String> out = new ArrayList<>();
        if (multiField != null && multiField.isArray()) {
            for (JsonNode item : multiField) {
                String value = Json.text(item.isObject() ? item.get("VALUE") : item);
                if (value != null) {
                    out.add(value);
                }
            }
        }
        return out;
    }

    private static BigDecimal money(JsonNode record, String field, String at) {
        return Fields.money(Json.text(record.get(field)), at + field, at + field);
    }

    private static String currency(JsonNode record, String at) {
        return Fields.currency(Json.text(record.get("CURRENCY_ID")), at + "CURRENCY_ID", at + "CURRENCY_ID");
    }

    private static Instant time(JsonNode record, String field, ZoneId zone, String at) {
        return Fields.time(Json.text(record.get(field)), zone, at + field, at + field);
    }
}
