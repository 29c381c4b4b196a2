package ru.metricarelay.source.calltouch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.event.Times;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Calltouch call webhooks (docs/sources/calltouch.md): GET query or POST form, one call per request, the
 * parameters named in {@link CalltouchConfig.Fields}. Calltouch signs nothing: use the URL secret.
 */
@Singleton
public class CalltouchAdapter extends SourceBase<CalltouchConfig> {

    private final DateTimeFormatter timeFormat;

    public CalltouchAdapter(CalltouchConfig config, MetricaConfig metrica) {
        super("calltouch", config, metrica.timezone());
        try {
            this.timeFormat = DateTimeFormatter.ofPattern(config.timeFormat());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("relay.sources.calltouch.time-format=" + config.timeFormat()
                    + " is not a date-time pattern such as dd/MM/yyyy HH:mm:ss");
        }
    }

    @Override
    public List<String> clientIdFields() {
        return config.fields().clientId();
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        return List.of(item(request.payload()));
    }

    SourceItem item(JsonNode p) {
        CalltouchConfig.Fields f = config.fields();
        String callId = Fields.required(Fields.anyText(p, f.callId()), f.callId().get(0), "a Calltouch call needs its id in '"
                + f.callId().get(0) + "' (add it to the webhook in Calltouch, or set relay.sources.calltouch.fields.call-id)");
        String phase = Fields.anyText(p, f.phase());
        if (phase != null && config.phases().isPresent()
                && config.phases().get().stream().noneMatch(phase::equalsIgnoreCase)) {
            return skipped(config.account(), callId, "call_phase:" + Fields.slug(phase));
        }
        String phone = Phones.normalize(Fields.anyText(p, f.phone())).orElse(null);
        String landing = Fields.anyText(p, f.landingUrl());
        Identity identity = Fields.caller(phone, Fields.anyText(p, f.clientId()), Fields.anyText(p, f.yclid()), landing);
        String page = Fields.anyText(p, f.callUrl());
        PhoneCall call = new PhoneCall(phone, Fields.seconds(p, f.talkSeconds()), Fields.seconds(p, f.holdSeconds()),
                missed(Fields.anyText(p, f.status())), Json.flag(Fields.anyText(p, f.firstTime())),
                Boolean.TRUE.equals(Json.flag(Fields.anyText(p, f.target()))) ? config.targetTag() : null,
                page != null ? page : landing);
        return DealEvent.builder(name(), config.account(), callId)
                .identity(identity)
                .at(time(p, f.time()))
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

    private Instant time(JsonNode p, List<String> names) {
        Fields.Named found = Fields.any(p, names);
        if (found == null) {
            return null;
        }
        String value = found.value();
        String field = found.name();
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
}
