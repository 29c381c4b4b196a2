package ru.metricarelay.source.uis;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Call;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.inbound.InboundRequest;
import ru.metricarelay.inbound.RelayProblem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceSettings;

/**
 * UIS / CoMagic "Уведомления о событиях" (vendors.md §4): a JSON body built from the customer's
 * template. Only finished incoming calls become events; a body that is not JSON is the core's 400.
 */
@Singleton
public class UisAdapter implements SourceAdapter {

    static final String NAME = "uis";

    private final UisConfig config;
    private final ZoneId zone;

    public UisAdapter(UisConfig config, MetricaConfig metrica) {
        this.config = config;
        this.zone = Fields.zone(config.timeZone(), "relay.sources.uis.time-zone", metrica.timezone());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SourceSettings settings() {
        return config;
    }

    @Override
    public Uni<List<SourceItem>> read(InboundRequest request) {
        return Uni.createFrom().item(() -> List.of(item(request.payload())));
    }

    SourceItem item(JsonNode p) {
        UisConfig.Fields f = config.fields();
        String callId = text(p, f.callId());
        if (callId == null) {
            throw RelayProblem.unprocessable(f.callId(), "a UIS notification needs '" + f.callId()
                    + "' in its template: \"" + f.callId() + "\": {{call_session_id}}");
        }
        String eventId = DealEvent.eventId(NAME, config.account(), callId);
        // a template without the mnemonic or the direction was written for finished incoming calls
        String notification = text(p, f.notification());
        if (notification != null && config.notifications().stream().noneMatch(notification::equalsIgnoreCase)) {
            return new Skipped(eventId, NAME, "notification:" + Fields.slug(notification));
        }
        String direction = text(p, f.direction());
        if (direction != null && config.directions().stream().noneMatch(direction::equalsIgnoreCase)) {
            return new Skipped(eventId, NAME, "call_direction:" + Fields.slug(direction));
        }
        String phone = Phones.normalize(text(p, f.phone())).orElse(null);
        String landing = f.landingUrl().stream().map(key -> text(p, key)).filter(v -> v != null).findFirst().orElse(null);
        Identity identity = Identity.builder()
                .clientId(text(p, f.clientId()))
                .yclid(text(p, f.yclid()))
                .yclidFromUrl(landing)
                .phone(phone)
                .build();
        Integer talk = seconds(p, f.talkSeconds());
        List<String> tags = Json.texts(p.get(f.tags()));
        Call call = new Call(phone, talk, seconds(p, f.holdSeconds()), talk == null ? null : talk == 0,
                firstTime(p, f.communicationNumber()), tags.isEmpty() ? null : String.join(", ", tags), landing);
        String startField = text(p, f.startTime()) != null ? f.startTime() : f.time();
        Instant at = time(p, startField);
        return DealEvent.builder(NAME, config.account(), callId)
                .identity(identity)
                .createdAt(at)
                .occurredAt(at)
                .call(call)
                .build();
    }

    /** communication_number 1 = the contact's first communication; unreadable = unknown. */
    private static Boolean firstTime(JsonNode p, String field) {
        String value = text(p, field);
        if (value == null || !value.matches("\\d{1,9}")) {
            return null;
        }
        return Integer.parseInt(value) == 1;
    }

    private Instant time(JsonNode p, String field) {
        return Fields.time(Fields.text(p, field), zone, field, "'" + field + "'");
    }

    private static Integer seconds(JsonNode p, String field) {
        return Fields.seconds(Fields.text(p, field), field, "'" + field + "'");
    }

    private static String text(JsonNode p, String field) {
        return Fields.text(p, field);
    }
}
