package ru.metricarelay.source.tilda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Tilda form webhooks (docs/sources/tilda.md): one form body per submission, the form's own field names,
 * the visitor's cookies in COOKIES. One submission is one event (a CONVERSION by default), keyed
 * by Tilda's {@code tranid}: Tilda resends twice, a minute apart, when not answered within 5 s.
 * Nothing here does I/O, so the answer is immediate.
 */
@Singleton
public class TildaAdapter extends SourceBase<TildaConfig> {

    public TildaAdapter(TildaConfig config) {
        super("tilda", config);
    }

    @Override
    public List<String> clientIdFields() {
        List<String> fields = new ArrayList<>(List.of("COOKIES: _ym_uid"));
        fields.addAll(config.clientIdFields());
        return fields;
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode payload = object(request, "body", "a Tilda form body (Name=...&Phone=...&tranid=...)");
        Map<String, List<String>> fields = fields(payload);
        String tranid = first(fields, "tranid");
        // "Add webhook" in Tilda posts test=test and wants 200 before it saves the URL
        if (tranid == null && "test".equalsIgnoreCase(first(fields, "test"))) {
            return List.of(skipped(config.account(), "test", "test_ping"));
        }
        // Tilda always sends tranid; a look-alike sender that does not gets an id stable across its
        // resends (and field orders): a digest of the sorted fields
        String id = tranid != null ? tranid : "sha256-" + Hashes.contentId(new TreeMap<>(fields).toString());
        DealEvent.Builder event = DealEvent.builder(name(), config.account(), id)
                .identity(identity(fields))
                // no date in the body: the receipt time (conversions are clamped to it minus 1 s)
                .at(request.receivedAt());
        String formId = first(fields, "formid");
        if (formId != null && config.formTargets().containsKey(formId)) {
            event.goal(Goal.of(config.formTargets().get(formId))); // the first goal is the conversion's Target
        }
        return List.of(event.build());
    }

    /** ClientId from the _ym_uid cookie (else a hidden field), yclid, phones and e-mails; invalid values are dropped. */
    private Identity identity(Map<String, List<String>> fields) {
        Cookies cookies = Cookies.parse(first(fields, config.cookiesField()));
        Identity.Builder identity = Identity.builder();
        cookies.values(config.clientIdCookie()).forEach(identity::clientId);
        values(fields, config.clientIdFields()).forEach(identity::clientId);
        values(fields, config.yclidFields()).forEach(identity::yclid);
        config.yclidFields().forEach(name -> cookies.values(name).forEach(identity::yclid));
        fields.values().stream().flatMap(List::stream).filter(v -> v.contains("yclid=")).forEach(identity::yclidFromUrl);
        cookies.valuesMentioningYclid().forEach(identity::yclidFromUrl);
        values(fields, config.phoneFields()).forEach(identity::phone);
        values(fields, config.emailFields()).forEach(identity::email);
        return identity.build();
    }

    /**
     * Top-level fields by lower-case name, each with its values in order ("Phone" and "phone" both
     * count). Bracketed names (a checkbox group's {@code Services[]}) are objects in the tree: not read.
     */
    static Map<String, List<String>> fields(JsonNode payload) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        payload.fields().forEachRemaining(field -> {
            String value = Json.text(field.getValue());
            if (value != null) {
                fields.computeIfAbsent(field.getKey().trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
            }
        });
        return fields;
    }

    private static String first(Map<String, List<String>> fields, String name) {
        List<String> values = fields.get(name.trim().toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    private static List<String> values(Map<String, List<String>> fields, List<String> names) {
        return names.stream().flatMap(n -> fields.getOrDefault(n.trim().toLowerCase(Locale.ROOT), List.of()).stream()).toList();
    }

    /** The default target and every form's own (form-targets). */
    @Override
    public Set<String> targets() {
        Set<String> targets = new TreeSet<>(config.formTargets().values());
        targets.add(config.target());
        return targets;
    }
}
