package ru.metricarelay.source.retailcrm;

import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.SourceBase;

/**
 * RetailCRM orders (docs/sources/retailcrm.md): the trigger action "HTTP request" posts the name/value parameters the
 * user pasted, named after RetailCRM's order fields, as a form (a JSON object with the same names is read alike; a
 * GET brings them in the query). One request is one order: a CDP order (with its contact) by default. RetailCRM signs
 * nothing: the relay secret in the URL is the only check.
 */
@Singleton
public class RetailcrmAdapter extends SourceBase<RetailcrmConfig> {

    /** The ClientId parameter: an order custom field the site filled from the _ym_uid cookie. */
    static final String CLIENT_ID = "ym_client_id";
    /**
     * An order without externalId is keyed by RetailCRM's own id, marked: the site's numbers and RetailCRM's are two
     * sequences, and order 4512 of one must not overwrite order 4512 of the other in Metrica.
     */
    static final String CRM_ID_MARK = "id:";

    /** status-prefixes, longest first: "cancel-other" goes to "cancel-" before "cancel". */
    private final List<String> prefixes;

    public RetailcrmAdapter(RetailcrmConfig config, MetricaConfig metrica) {
        super("retailcrm", config, metrica.timezone()); // createdAt is a local time of the account
        for (String prefix : config.statusPrefixes()) {
            if (prefix.isBlank() || !config.statusMap().containsKey(prefix)) {
                // a family without an entry would silently fall to default-status: say so at start-up instead
                throw new IllegalStateException("relay.sources.retailcrm.status-prefixes names '" + prefix
                        + "', which needs its own relay.sources.retailcrm.status-map." + prefix + " entry");
            }
        }
        this.prefixes = config.statusPrefixes().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public List<String> clientIdFields() {
        return List.of(CLIENT_ID);
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode p = object(request, "body",
                "RetailCRM's trigger parameters (externalId=...&status=...&totalSumm=...) as a form or a JSON object");
        Identity identity = Identity.builder()
                .clientId(Fields.text(p, CLIENT_ID))
                .yclid(Fields.text(p, "yclid"))
                .phone(Fields.text(p, "phone"))
                .email(Fields.text(p, "email"))
                .build();
        DealEvent event = DealEvent.builder(name(), config.account(), orderId(p))
                .identity(identity)
                .status(family(Fields.text(p, "status")))
                .revenue(Fields.money(Fields.text(p, "totalSumm"), "totalSumm", "'totalSumm'"))
                .currency(Fields.currency(Fields.text(p, "currency"), "currency", "'currency'"))
                .createdAt(Fields.time(p, "createdAt", zone))
                .build(); // no time of the change among the parameters: it happened when the trigger fired (receipt)
        return List.of(event);
    }

    /** externalId (the site's order id), else RetailCRM's id, marked; else the order cannot be named (422). */
    static String orderId(JsonNode p) {
        String externalId = Fields.text(p, "externalId");
        if (externalId != null) {
            return externalId;
        }
        String id = Fields.required(Fields.text(p, "id"), "externalId", "a RetailCRM order needs 'externalId' or 'id': "
                + "add externalId={{ order.getExternalId() }} and id={{ order.getId() }} to the trigger's parameters");
        return CRM_ID_MARK + id;
    }

    /**
     * The status code as the status map will see it: the code itself when status-map has it, else the longest
     * status-prefix it starts with (the family's entry decides), else the code (default-status decides).
     */
    String family(String code) {
        if (code == null || config.statusMap().containsKey(code)) {
            return code;
        }
        return prefixes.stream().filter(code::startsWith).findFirst().orElse(code);
    }
}
