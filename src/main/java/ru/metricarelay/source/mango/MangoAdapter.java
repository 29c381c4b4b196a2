package ru.metricarelay.source.mango;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Digits;
import ru.metricarelay.event.Hashes;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Mango Office VPBX API events (docs/sources/mango.md): a form with vpbx_api_key, sign and json, posted to
 * the configured URL plus Mango's own event path (/events/summary, /events/call, ...), which arrives
 * as {@link InboundRequest#subPath()}. Only the end-of-call summary becomes a call. Mango knows no
 * visitor id, so its calls carry only the caller's phone: IGNORED (no_identity) for CALL, usable for
 * SIMPLE_ORDER, where a phone is an identity.
 */
@Singleton
public class MangoAdapter extends SourceBase<MangoConfig> {

    static final String PING = "ping";

    private final MangoSign sign;

    public MangoAdapter(MangoConfig config) {
        super("mango", config);
        boolean signed = config.apiKey().filter(s -> !s.isBlank()).isPresent()
                && config.apiSalt().filter(s -> !s.isBlank()).isPresent();
        this.sign = signed ? new MangoSign(config.apiKey().get().trim(), config.apiSalt().get().trim()) : null;
    }

    /** Said once at start-up (relay/operator/SetupWarnings) without building the adapter: the sign check is off. */
    public static Optional<String> setupWarning(MangoConfig config) {
        boolean signed = config.apiKey().filter(s -> !s.isBlank()).isPresent() && config.apiSalt().filter(s -> !s.isBlank()).isPresent();
        return signed ? Optional.empty() : Optional.of("relay.sources.mango.api-key and api-salt are not both set: Mango's sign is "
                + "NOT checked; set them (the VPBX's unique code and signing key) so only your VPBX can post calls");
    }

    /**
     * Mango appends /events/&lt;type&gt;, /result/&lt;type&gt; for command results, and /ping for the
     * "check connection" button, to the URL it is given.
     */
    @Override
    public Set<String> subPaths() {
        return Set.of("events", "result", "ping");
    }

    @Override
    public void authenticate(InboundRequest request) {
        if (sign != null && !(PING.equals(request.subPath()) && raw(request.payload(), "json") == null)) {
            JsonNode p = request.payload();
            sign.verify(raw(p, "vpbx_api_key"), raw(p, "sign"), raw(p, "json"));
        }
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        return List.of(item(request.payload(), request.subPath()));
    }

    SourceItem item(JsonNode form, String subPath) {
        String json = raw(form, "json");
        if (PING.equals(subPath) && json == null) {
            return skipped(config.account(), PING, PING); // "check connection"
        }
        if (json == null) {
            throw RelayProblem.unprocessable("json", "a Mango request is a form with vpbx_api_key, sign and json");
        }
        JsonNode e = parse(json);
        String id = Json.text(e.get("entry_id")) != null ? Json.text(e.get("entry_id")) : Json.text(e.get("call_id"));
        String type = type(subPath, e);
        if (config.events().stream().noneMatch(type::equalsIgnoreCase)) {
            // command results (/result/callback, /result/sms, /result/stat) and pings carry no call id
            String key = id != null ? id : Fields.firstText(e, "command_id", "request_id") != null
                    ? Fields.firstText(e, "command_id", "request_id") : "sha256-" + Hashes.contentId(json);
            return skipped(config.account(), key, "event:" + Fields.slug(type));
        }
        if (id == null) {
            throw RelayProblem.unprocessable("json.entry_id", "a Mango call event needs entry_id or call_id");
        }
        String eventId = eventId(config.account(), id);
        String direction = Json.text(e.get("call_direction"));
        if (direction != null && config.directions().stream().noneMatch(direction::equals)) {
            return new Skipped(eventId, name(), "call_direction:" + Fields.slug(direction));
        }
        // the client is the caller of an incoming call and the callee of an outgoing one
        String party = "2".equals(direction) ? "to" : "from";
        String phone = Phones.normalize(Json.text(e.path(party).get("number"))).orElse(null);
        Long created = unix(e, "create_time");
        Long answered = unix(e, "talk_time");
        Long ended = unix(e, "end_time");
        Integer talk = null;
        Integer hold = null;
        if (answered != null && answered == 0 && created != null && ended != null) {
            talk = 0;                                // never answered: all of it was waiting
            hold = seconds(ended - created);
        } else if (answered != null && created != null && ended != null && answered >= created) {
            talk = seconds(ended - answered);        // talk_time is the moment the call was answered
            hold = seconds(answered - created);
        } else if (answered != null && created != null && answered < created) {
            talk = seconds(answered);                // a duration rather than a moment
        } else if (created != null && ended != null) {
            talk = seconds(ended - created);
        }
        String result = Json.text(e.get("entry_result"));
        Boolean missed = "1".equals(result) ? Boolean.FALSE : "0".equals(result) ? Boolean.TRUE
                : talk == null ? null : talk == 0;
        Long at = created != null ? created : unix(e, "timestamp");
        Instant when = at == null ? null : Instant.ofEpochSecond(at);
        return DealEvent.builder(name(), config.account(), id)
                .identity(Identity.builder().normalizedPhone(phone).build())
                .at(when)
                .call(new PhoneCall(phone, talk, hold, missed, null, null, null))
                .build();
    }

    /** The event path Mango appended; without one (a proxy stripped it) the fields tell a summary from a call event. */
    static String type(String subPath, JsonNode e) {
        if (subPath != null && !subPath.isBlank()) {
            return subPath.replaceAll("^/+|/+$", "").toLowerCase(Locale.ROOT);
        }
        if (e.has("entry_result") || e.has("end_time")) {
            return "events/summary";
        }
        return e.has("call_state") ? "events/call" : "unknown";
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.READER.readTree(json);
            if (node == null || !node.isObject()) {
                throw RelayProblem.unprocessable("json", "the json field must hold a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw RelayProblem.badRequest("the json field of the Mango form is not valid JSON");
        }
    }

    /** Unix seconds; absent, blank or not a number = null (0 stays 0: "never answered"). */
    private static Long unix(JsonNode e, String field) {
        String value = Json.text(e.get(field));
        if (value == null || !Digits.only(value, 1, 12)) {
            return null;
        }
        return Long.parseLong(value);
    }

    private static Integer seconds(long value) {
        return value < 0 || value > Integer.MAX_VALUE ? null : (int) value;
    }

    /** A form field exactly as sent (the sign covers json byte for byte: no trimming). */
    private static String raw(JsonNode p, String field) {
        JsonNode node = p.get(field);
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
