package ru.metricarelay.source.roistat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.PhoneCall;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Phones;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Roistat (docs/sources/roistat.md), two hooks on one URL:
 * <ul>
 * <li>call tracking: POST JSON, sent during and after the call with the same id, so both are one
 * event ({@code roistat:<account>:call:<id>}); becomes a CALL. Roistat has no ClientId field: the
 * site must put it in a custom parameter (fields.client-id), or a yclid must be in the landing page;</li>
 * <li>"Своя CRM": GET with action=lead and token = md5(login + password); a lead becomes an
 * ORDER in IN_PROGRESS ({@code roistat:<account>:lead:<id>}, lead-output), its phone and e-mail the contact.</li>
 * </ul>
 */
@Singleton
public class RoistatAdapter extends SourceBase<RoistatConfig> {

    private final CrmToken token;

    public RoistatAdapter(RoistatConfig config, MetricaConfig metrica) {
        super("roistat", config, metrica.timezone());
        this.token = CrmToken.of(config.tokenMd5(), config.login(), config.password());
    }

    /** Said once at start-up (relay/operator/SetupWarnings) without building the adapter: the CRM token check is off. */
    public static Optional<String> setupWarning(RoistatConfig config) {
        return CrmToken.of(config.tokenMd5(), config.login(), config.password()) != null ? Optional.empty()
                : Optional.of("relay.sources.roistat.token-md5 (or login and password) is not set: the token of Roistat's "
                        + "CRM lead hook is NOT checked");
    }

    @Override
    public void authenticate(InboundRequest request) {
        JsonNode p = request.payload();
        if (token != null && isCrm(p)) {
            token.verify(Json.text(p.get("token")));
        }
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode p = request.payload();
        return List.of(isCrm(p) ? lead(p) : call(p));
    }

    @Override
    public List<String> clientIdFields() {
        return config.fields().clientId();
    }

    /** What Roistat's "Своя CRM" protocol expects back for the action it sent (docs/sources/roistat.md). */
    @Override
    public Map<String, Object> answerExtras(InboundRequest request, List<Result> results) {
        JsonNode p = request.payload();
        return isCrm(p) ? CrmAnswers.of(Fields.text(p, "action"), Fields.text(p, "limit"), results) : Map.of();
    }

    /**
     * The CRM hook carries an action; the call-tracking JSON never does. (A token alone does not make
     * a CRM request: a user may append ?token=... of their own to a call-tracking URL.)
     */
    static boolean isCrm(JsonNode p) {
        return p.has("action");
    }

    SourceItem call(JsonNode p) {
        RoistatConfig.Fields f = config.fields();
        String id = Fields.required(Fields.text(p, f.id()), f.id(), "a Roistat call needs its id in '" + f.id() + "'");
        String phone = Phones.normalize(Fields.text(p, f.phone())).orElse(null);
        String landing = Fields.text(p, f.landingUrl());
        Identity identity = Fields.caller(phone, Fields.anyText(p, f.clientId()), Fields.text(p, f.yclid()), landing);
        Boolean missed = missed(Fields.text(p, f.status()));
        // duration is the whole call, ringing included (a NOANSWER call has one): talk only if answered
        Integer talk = missed == null ? null : missed ? Integer.valueOf(0) : Fields.seconds(p, f.duration());
        Instant at = Fields.time(p, f.time(), zone);
        return DealEvent.builder(name(), config.account(), "call:" + id)
                .identity(identity)
                .at(at)
                .call(new PhoneCall(phone, talk, null, missed, null, Fields.text(p, f.tag()), landing))
                .build();
    }

    /** ANSWER = answered; BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL, ... = missed; none or ACTIVE = not known yet. */
    Boolean missed(String status) {
        if (status == null || config.inProgressStatuses().stream().anyMatch(status::equalsIgnoreCase)) {
            return null;
        }
        return config.answeredStatuses().stream().noneMatch(status::equalsIgnoreCase);
    }

    SourceItem lead(JsonNode p) {
        String id = Fields.text(p, "id");
        String eventId = eventId(config.account(), "lead:" + (id == null ? "none" : id));
        String action = Fields.text(p, "action");
        if (!"lead".equalsIgnoreCase(action)) {
            return new Skipped(eventId, name(), "action:" + (action == null ? "none" : Fields.slug(action)));
        }
        if (id == null) {
            throw RelayProblem.unprocessable("id", "a Roistat CRM lead needs its id");
        }
        if (config.leadOutput() == Output.IGNORED) {
            return new Skipped(eventId, name(), "crm_leads_ignored");
        }
        RoistatConfig.Fields f = config.fields();
        JsonNode data = data(Fields.text(p, "data"));
        String landing = Fields.firstText(data, "page", "landing_page", f.landingUrl());
        Identity identity = Identity.builder()
                .clientId(Fields.anyText(p, f.clientId()))
                .clientId(Fields.anyText(data, f.clientId()))
                .yclid(Fields.text(p, f.yclid()))
                .yclid(Fields.text(data, f.yclid()))
                .yclidFromUrl(landing)
                .phone(Fields.text(p, "phone"))
                .email(Fields.text(p, "email"))
                .build();
        return DealEvent.builder(name(), config.account(), "lead:" + id)
                .identity(identity)
                .createdAt(Fields.time(p, "created_date", ZoneOffset.UTC)) // Roistat sends it in UTC+0
                .output(config.leadOutput())
                .build();
    }

    /** data is a JSON string with the landing page and extra form fields; unreadable data is left out, not fatal. */
    private static JsonNode data(String raw) {
        if (raw == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = Json.READER.readTree(raw);
            return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
        } catch (JacksonException notJson) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    /** Calls and, from the CRM lead hook, lead-output records. */
    @Override
    public Set<Output> outputs() {
        return java.util.EnumSet.of(config.output(), config.leadOutput());
    }
}
