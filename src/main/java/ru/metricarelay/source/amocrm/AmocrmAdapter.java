package ru.metricarelay.source.amocrm;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Money;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.event.Times;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * amoCRM / Kommo webhooks (docs/sources/amocrm.md): a form body {@code leads[status][0][id]=...}, already a
 * tree here. Every lead of {@code leads[add|update|status]} becomes a deal event (one order each);
 * every contact of {@code contacts[add|update]} a CDP contact upsert (output CONTACT, event id
 * {@code amocrm:<account>:contact:<id>}, the same id the CDP contact gets). Any other entity or
 * action is skipped with a reason, and a body with nothing to do is answered 200 with one skipped
 * entry: amoCRM resends whatever is not answered 2xx, and resending will not make it relayable.
 */
@Singleton
public class AmocrmAdapter extends SourceBase<AmocrmConfig> {

    static final List<String> LEAD_ACTIONS = List.of("add", "update", "status");
    static final List<String> CONTACT_ACTIONS = List.of("add", "update");

    private final AccountCheck accountCheck;

    public AmocrmAdapter(AmocrmConfig config, MetricaConfig metrica) {
        super("amocrm", config, metrica.timezone());
        this.accountCheck = AccountCheck.of(config);
    }

    /** No signature exists; only the expected account, when configured. */
    @Override
    public void authenticate(InboundRequest request) {
        accountCheck.verify(request.payload());
    }

    @Override
    public List<String> clientIdFields() {
        return config.clientIdFields().stream().map(code -> "custom field " + code).toList();
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode payload = request.payload();
        Reading reading = new Reading(account(payload));
        for (String entity : Tree.keys(payload, List.of("leads", "contacts"))) {
            JsonNode actions = payload.get(entity);
            if (entity.equals("account") || !actions.isObject()) {
                continue; // the account block, or a field we do not know: ignored
            }
            for (String action : Tree.keys(actions, entity.equals("leads") ? LEAD_ACTIONS : CONTACT_ACTIONS)) {
                String at = entity + "[" + action + "]";
                JsonNode entries = actions.get(action);
                switch (entity) {
                    case "leads" -> reading.leads(action, at, entries);
                    case "contacts" -> reading.contacts(action, at, entries);
                    default -> reading.unsupported(entity + ":", at, entries);
                }
            }
        }
        return reading.result();
    }

    /** account[subdomain], else account[id], else relay.sources.amocrm.account. */
    String account(JsonNode payload) {
        JsonNode account = payload.path("account");
        String subdomain = Json.text(account.get("subdomain"));
        if (subdomain != null) {
            return subdomain.toLowerCase(Locale.ROOT);
        }
        String id = Json.text(account.get("id"));
        return id != null ? id : config.account();
    }

    /** One request's events, with at most one per lead or contact id (see {@link #offer}). */
    private final class Reading {
        private final String account;
        private final Map<String, Entry> events = new LinkedHashMap<>();
        private final List<SourceItem> skipped = new ArrayList<>();

        Reading(String account) {
            this.account = account;
        }

        void leads(String action, String at, JsonNode entries) {
            if (!LEAD_ACTIONS.contains(action)) {
                unsupported("", at, entries); // leads[delete][0][id]=5 is skipped as amocrm:<account>:5, the order's id
                return;
            }
            forEachEntry(at, entries, (where, lead) -> offer(lead(lead, where), where));
        }

        void contacts(String action, String at, JsonNode entries) {
            if (!CONTACT_ACTIONS.contains(action)) {
                unsupported("contact:", at, entries);
                return;
            }
            forEachEntry(at, entries, (where, contact) -> {
                String type = Json.text(contact.get("type"));
                if (type != null && !type.equalsIgnoreCase("contact")) {
                    // companies arrive as contacts with type=company: not a person, so no CDP contact
                    String id = Json.text(contact.get("id"));
                    skip(id != null ? type.toLowerCase(Locale.ROOT) + ":" + id : where, "unsupported_event: " + at + " of type " + type);
                } else if (!config.upsertContacts()) {
                    String id = Json.text(contact.get("id"));
                    skip(id != null ? "contact:" + id : where, "contacts_disabled: relay.sources.amocrm.upsert-contacts=false");
                } else {
                    offer(contact(contact, where), where);
                }
            });
        }

        /**
         * Recognised as amoCRM, not relayed: other actions (leads[delete], contacts[note]) and other
         * entities (unsorted[add], task[...], talk[...]). One skipped entry per entry sent, never an error.
         */
        void unsupported(String idPrefix, String at, JsonNode entries) {
            if (!entries.isContainerNode()) {
                skip(at, "unsupported_event: " + at);
                return;
            }
            Tree.items(entries).forEach((index, entry) -> {
                String id = entry.isObject() ? Json.text(entry.get("id")) : null;
                skip(id != null ? idPrefix + id : at + "[" + index + "]", "unsupported_event: " + at);
            });
        }

        /**
         * A lead can come twice in one request (leads[add] and leads[status]). Two orders with one id
         * in one upload are applied in random order (docs/architecture.md#metrica-facts-the-builder-relies-on), so only the newest entry
         * is sent — by last_modified, and on a tie the later action (add, update, status).
         */
        void offer(DealEvent event, String where) {
            Entry previous = events.get(event.eventId());
            if (previous == null) {
                events.put(event.eventId(), new Entry(event, where));
            } else if (time(event).isBefore(time(previous.event))) {
                skip(event.dealId(), "duplicate: " + where + " superseded by " + previous.where);
            } else {
                events.put(event.eventId(), new Entry(event, where));
                skip(previous.event.dealId(), "duplicate: " + previous.where + " superseded by " + where);
            }
        }

        void skip(String id, String reason) {
            skipped.add(skipped(account, id, reason));
        }

        List<SourceItem> result() {
            List<SourceItem> items = new ArrayList<>();
            events.values().forEach(e -> items.add(e.event));
            items.addAll(skipped);
            if (items.isEmpty()) {
                items.add(skipped(account, "none", "no_entities: expected leads[add|update|status] or contacts[add|update]"));
            }
            return items;
        }

        /** Entries of a relayed action; a value where entries belong is a broken body (422, naming it). */
        private void forEachEntry(String at, JsonNode entries, java.util.function.BiConsumer<String, JsonNode> each) {
            if (!entries.isContainerNode()) {
                throw RelayProblem.unprocessable(at, at + " holds no entries (expected " + at + "[0][id] and its fields)");
            }
            Tree.items(entries).forEach((index, entry) -> {
                String where = at + "[" + index + "]";
                if (!entry.isObject()) {
                    throw RelayProblem.unprocessable(where, where + " is not an amoCRM entry (expected " + where + "[id] and its fields)");
                }
                each.accept(where, entry);
            });
        }

        private DealEvent lead(JsonNode lead, String at) {
            return DealEvent.builder(name(), account, id(lead, at))
                    .identity(identity(CustomFields.of(lead.get("custom_fields"))).build())
                    .status(Json.text(lead.get("status_id")))
                    .revenue(money(lead, at, "price"))
                    .createdAt(time(lead, at, "date_create", "created_at"))
                    .occurredAt(time(lead, at, "last_modified", "updated_at"))
                    .build();
        }

        private DealEvent contact(JsonNode contact, String at) {
            String id = id(contact, at);
            CustomFields fields = CustomFields.of(contact.get("custom_fields"));
            Identity identity = identity(fields)
                    .contactId(id)
                    .phones(fields.valuesOf(config.phoneFields()))
                    .emails(fields.valuesOf(config.emailFields()))
                    .build();
            return DealEvent.builder(name(), account, "contact:" + id)
                    .identity(identity)
                    .createdAt(time(contact, at, "date_create", "created_at"))
                    .occurredAt(time(contact, at, "last_modified", "updated_at"))
                    // a source switched off (output=IGNORED) stays off for contacts too
                    .output(config.output() == Output.IGNORED ? null : Output.CONTACT)
                    .build();
        }
    }

    /** ClientId and yclid from custom fields; invalid values (an order number in _ym_uid) are dropped by the builder. */
    private Identity.Builder identity(CustomFields fields) {
        Identity.Builder identity = Identity.builder();
        fields.valuesOf(config.clientIdFields()).forEach(identity::clientId);
        fields.valuesOf(config.yclidFields()).forEach(identity::yclid);
        fields.valuesContaining("yclid=").forEach(identity::yclidFromUrl);
        return identity;
    }

    private static String id(JsonNode entry, String at) {
        return Fields.required(Json.text(entry.get("id")), at + "[id]", at + "[id] is missing: every amoCRM entry has an id");
    }

    private static BigDecimal money(JsonNode entry, String at, String key) {
        try {
            return Money.parse(Json.text(entry.get(key))); // amoCRM sends price 0 for "no price": null
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(at + "[" + key + "]", at + "[" + key + "] " + e.getMessage());
        }
    }

    /** The first of {@code keys} that holds a time; amoCRM writes 0 for "never", which is no time. */
    private Instant time(JsonNode entry, String at, String... keys) {
        for (String key : keys) {
            String value = Json.text(entry.get(key));
            if (value == null || value.equals("0")) {
                continue;
            }
            try {
                return Times.parse(value, zone);
            } catch (IllegalArgumentException e) {
                throw RelayProblem.unprocessable(at + "[" + key + "]", at + "[" + key + "] " + e.getMessage());
            }
        }
        return null;
    }

    private static Instant time(DealEvent event) {
        return event.occurredAt() == null ? Instant.MIN : event.occurredAt();
    }

    private record Entry(DealEvent event, String where) {
    }
}
