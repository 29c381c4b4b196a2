package ru.metricarelay.source.calltouch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
import ru.metricarelay.event.Times;
import ru.metricarelay.inbound.InboundRequest;
import ru.metricarelay.inbound.RelayProblem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceSettings;

/**
 * Calltouch call webhooks (vendors.md §3): GET query or POST form, one call per request, the
 * parameters named in {@link CalltouchConfig.Fields}. Calltouch signs nothing: use the URL secret.
 */
@Singleton
public class CalltouchAdapter implements SourceAdapter {

    static final String NAME = "calltouch";

    private final CalltouchConfig config;
    private final ZoneId zone;
    private final DateTimeFormatter timeFormat;

    public CalltouchAdapter(CalltouchConfig config, MetricaConfig metrica) {
        this.config = config;
        this.zone = Fields.zone(config.timeZone(), "relay.sources.calltouch.time-zone", metrica.timezone());
        try {
            this.timeFormat = DateTimeFormatter.ofPattern(config.timeFormat());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relay.sources.calltouch.time-format=" + config.timeFormat()
                    + " is not a date-time pattern such as dd/MM/yyyy HH:mm:ss");
        }
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
        CalltouchConfig.Fields f = config.fields();
        String callId = text(p, f.callId());
        if (callId == null) {
            throw RelayProblem.unprocessable(f.callId(), "a Calltouch call needs its id in '" + f.callId()
                    + "' (add it to the webhook in Calltouch, or set relay.sources.calltouch.fields.call-id)");
        }
        String phase = text(p, f.phase());
        if (phase != null && config.phases().isPresent()
                && config.phases().get().stream().noneMatch(phase::equalsIgnoreCase)) {
            return new Skipped(DealEvent.eventId(NAME, config.account(), callId), NAME, "call_phase:" + Fields.slug(phase));
        }
        String phone = Phones.normalize(text(p, f.phone())).orElse(null);
        String landing = text(p, f.landingUrl());
        Identity identity = Identity.builder()
                .clientId(text(p, f.clientId()))
                .yclid(text(p, f.yclid()))
                .yclidFromUrl(landing)
                .phone(phone)
                .build();
        String page = text(p, f.callUrl());
        Call call = new Call(phone, seconds(p, f.talkSeconds()), seconds(p, f.holdSeconds()),
                missed(text(p, f.status())), Json.flag(text(p, f.firstTime())),
                Boolean.TRUE.equals(Json.flag(text(p, f.target()))) ? config.targetTag() : null,
                page != null ? page : landing);
        Instant at = time(p, f.time());
        return DealEvent.builder(NAME, config.account(), callId)
                .identity(identity)
                .createdAt(at)
                .occurredAt(at)
                .call(call)
                .build();
    }

    /** successful (or a true flag) = answered; any other status = missed; no status = unknown. */
    Boolean missed(String status) {
        if (status == null) {
            return null;
        }
        Boolean flag = Json.flag(status);
        if (flag != null) {
            return !flag;
        }
        return config.answeredStatuses().stream().noneMatch(status::equalsIgnoreCase);
    }

    private Instant time(JsonNode p, String field) {
        String value = text(p, field);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, timeFormat).atZone(zone).toInstant();
        } catch (DateTimeParseException notConfiguredFormat) {
            // unix seconds, ISO-8601 and the other usual forms below
        }
        try {
            return Times.parse(value, zone);
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(field, "'" + field + "' is not a date-time in the form "
                    + config.timeFormat() + " (relay.sources.calltouch.time-format)");
        }
    }

    private static Integer seconds(JsonNode p, String field) {
        return Fields.seconds(Fields.text(p, field), field, "'" + field + "'");
    }

    private static String text(JsonNode p, String field) {
        return Fields.text(p, field);
    }
}
