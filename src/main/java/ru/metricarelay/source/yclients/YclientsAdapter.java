package ru.metricarelay.source.yclients;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Money;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.IdentityDiscovery;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * YCLIENTS webhooks (docs/sources/yclients.md): one JSON envelope {@code {company_id, resource, resource_id, status,
 * data}} per change, {@code data} being the entity as the REST API returns it. A booking ({@code resource=record})
 * becomes one order keyed by the record id, with the visit's attendance as its status; every other resource is
 * skipped with a reason. YCLIENTS signs nothing and sends no token: the relay secret goes in the URL.
 */
@Singleton
public class YclientsAdapter extends SourceBase<YclientsConfig> {

    /** attendance as YCLIENTS documents it → the word the status map sees (relay.sources.yclients.status-map.*). */
    static final Map<String, String> ATTENDANCE = Map.of("1", "arrived", "-1", "no_show", "0", "waiting", "2", "confirmed");
    /** The status of a record YCLIENTS deleted (status=delete, or data.deleted=true). */
    static final String DELETED = "deleted";
    /** ISO-8601 with a basic offset, as YCLIENTS writes create_date: "2025-07-12T11:49:08+0500". */
    private static final Pattern BASIC_OFFSET = Pattern.compile("T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?[+-]\\d{2}(\\d{2})$");

    private final Predicate<String> clientIdName;

    public YclientsAdapter(YclientsConfig config, MetricaConfig metrica) {
        super("yclients", config, metrica.timezone());
        List<String> extra = config.clientIdFields().orElse(List.of());
        this.clientIdName = name -> IdentityDiscovery.isClientIdName(name) || extra.stream().anyMatch(name.trim()::equalsIgnoreCase);
    }

    @Override
    public List<String> clientIdFields() {
        List<String> fields = new ArrayList<>(List.of("data.custom_fields (a ClientId name)", "data.client.custom_fields (a ClientId name)",
                "data.from_url (a ClientId parameter)"));
        config.clientIdFields().orElse(List.of()).forEach(code -> fields.add("custom field " + code));
        return fields;
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode body = object(request, "body", "a YCLIENTS webhook {company_id, resource, resource_id, status, data}");
        String resource = Fields.required(Fields.text(body, "resource"), "resource",
                "'resource' is missing: every YCLIENTS webhook names its entity (record, client, ...)");
        String companyId = Fields.text(body, "company_id");
        String account = companyId != null ? companyId : config.account();
        JsonNode data = body.path("data");
        String id = Fields.text(body, "resource_id");
        if (id == null) {
            id = Json.text(data.get("id"));
        }
        String action = Fields.text(body, "status");
        if (!resource.equalsIgnoreCase("record")) {
            // clients, services, staff, goods and finance operations: no booking, nothing Metrica tracks
            String what = Fields.slug(resource) + (action == null ? "" : "." + Fields.slug(action));
            return List.of(skipped(account, Fields.slug(resource) + ":" + (id == null ? "none" : id), "unsupported_event: " + what));
        }
        id = Fields.required(id, "resource_id", "a YCLIENTS record needs its id in 'resource_id' (or data.id)");
        return List.of(record(account, id, action, data));
    }

    private DealEvent record(String account, String id, String action, JsonNode data) {
        boolean deleted = "delete".equalsIgnoreCase(action) || Boolean.TRUE.equals(Json.flag(Json.text(data.get("deleted"))));
        return DealEvent.builder(name(), account, id)
                .identity(identity(data))
                .status(deleted ? DELETED : attendance(data))
                .revenue(revenue(data.get("services")))
                .createdAt(time(data, "create_date"))
                .occurredAt(time(data, "last_change_date"))
                .build();
    }

    /** attendance, else visit_attendance, as a word; an unknown value stays visible (attendance_7); none → default-status. */
    static String attendance(JsonNode data) {
        String raw = Json.text(data.get("attendance"));
        if (raw == null) {
            raw = Json.text(data.get("visit_attendance"));
        }
        return raw == null ? null : ATTENDANCE.getOrDefault(raw, "attendance_" + Fields.slug(raw));
    }

    /**
     * ClientId from a custom field or a booking-URL parameter named like one, yclid from a yclid custom field or the
     * booking URL; the client's phone, e-mail and id (the CDP contact). Invalid values are dropped by the builder.
     */
    private Identity identity(JsonNode data) {
        Identity.Builder identity = Identity.builder();
        JsonNode client = data.path("client");
        String bookingUrl = Json.text(data.get("from_url"));
        CustomFields.values(data.get("custom_fields"), clientIdName).forEach(identity::clientId);
        CustomFields.values(client.get("custom_fields"), clientIdName).forEach(identity::clientId);
        BookingUrl.values(bookingUrl, clientIdName).forEach(identity::clientId);
        CustomFields.values(data.get("custom_fields"), "yclid"::equalsIgnoreCase).forEach(identity::yclid);
        identity.yclidFromUrl(bookingUrl);
        return identity.contactId(Json.text(client.get("id")))
                .phone(Json.text(client.get("phone")))
                .email(Json.text(client.get("email")))
                .build();
    }

    /** Σ services[].cost_to_pay (a service without it counts its cost); null when there is none or it is 0. */
    private static BigDecimal revenue(JsonNode services) {
        if (services == null || !services.isArray()) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < services.size(); i++) {
            JsonNode service = services.get(i);
            boolean toPay = Json.text(service.get("cost_to_pay")) != null;
            String field = "data.services[" + i + "]." + (toPay ? "cost_to_pay" : "cost");
            BigDecimal cost = Fields.money(Json.text(service.get(toPay ? "cost_to_pay" : "cost")), field, field);
            total = cost == null ? total : total.add(cost);
        }
        try {
            return Money.check(total);
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable("data.services", "the sum of data.services[].cost_to_pay " + e.getMessage());
        }
    }

    /** A record time: "+03:00" and "+0300" offsets both occur (datetime, create_date); a local time is in {@link #zone}. */
    private Instant time(JsonNode data, String key) {
        String value = Json.text(data.get(key));
        return value == null ? null : Fields.time(extendedOffset(value), zone, "data." + key, "data." + key);
    }

    /** "…+0500" → "…+05:00", the form ISO-8601 parsers read; anything else as it is. */
    static String extendedOffset(String time) {
        Matcher m = BASIC_OFFSET.matcher(time);
        return m.find() ? time.substring(0, m.start(1)) + ":" + time.substring(m.start(1)) : time;
    }
}
