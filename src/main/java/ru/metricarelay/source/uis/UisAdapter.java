package ru.metricarelay.source.uis;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Digits;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * UIS / CoMagic "Уведомления о событиях" (docs/sources/uis.md): a JSON body built from the customer's
 * template. Only finished incoming calls become events; a body that is not JSON is the core's 400.
 */
@Singleton
public class UisAdapter extends SourceBase<UisConfig> {

    public UisAdapter(UisConfig config, MetricaConfig metrica) {
        super("uis", config, metrica.timezone());
    }

    @Override
    public String repairJson(String body) {
        return Templates.repair(body);
    }

    @Override
    public List<String> clientIdFields() {
        return List.of(config.fields().clientId());
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        return List.of(item(request.payload()));
    }

    SourceItem item(JsonNode p) {
        UisConfig.Fields f = config.fields();
        String callId = Fields.required(Fields.text(p, f.callId()), f.callId(), "a UIS notification needs '" + f.callId()
                + "' in its template: \"" + f.callId() + "\": {{call_session_id}}");
        String eventId = eventId(config.account(), callId);
        // a template without the mnemonic or the direction was written for finished incoming calls
        String notification = Fields.text(p, f.notification());
        if (notification != null && config.notifications().stream().noneMatch(notification::equalsIgnoreCase)) {
            return new Skipped(eventId, name(), "notification:" + Fields.slug(notification));
        }
        String direction = Fields.text(p, f.direction());
        if (direction != null && config.directions().stream().noneMatch(direction::equalsIgnoreCase)) {
            return new Skipped(eventId, name(), "call_direction:" + Fields.slug(direction));
        }
        String phone = Phones.normalize(Fields.text(p, f.phone())).orElse(null);
        String landing = f.landingUrl().stream().map(key -> Fields.text(p, key)).filter(v -> v != null).findFirst().orElse(null);
        Identity identity = Fields.caller(phone, Fields.text(p, f.clientId()), Fields.text(p, f.yclid()), landing);
        Integer talk = Fields.seconds(p, f.talkSeconds());
        List<String> tags = Json.texts(p.get(f.tags()));
        PhoneCall call = new PhoneCall(phone, talk, Fields.seconds(p, f.holdSeconds()), talk == null ? null : talk == 0,
                firstTime(p, f.communicationNumber()), tags.isEmpty() ? null : String.join(", ", tags), landing);
        String startField = Fields.text(p, f.startTime()) != null ? f.startTime() : f.time();
        Instant at = Fields.time(p, startField, zone);
        return DealEvent.builder(name(), config.account(), callId)
                .identity(identity)
                .at(at)
                .call(call)
                .build();
    }

    /** communication_number 1 = the contact's first communication; unreadable = unknown. */
    private static Boolean firstTime(JsonNode p, String field) {
        String value = Fields.text(p, field);
        if (value == null || !Digits.only(value, 1, 9)) {
            return null;
        }
        return Integer.parseInt(value) == 1;
    }
}
