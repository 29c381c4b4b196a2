package ru.metricarelay.source.roistat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.event.Call;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Output;
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
 * Roistat (vendors.md §5), two hooks on one URL:
 * <ul>
 * <li>call tracking: POST JSON, sent during and after the call with the same id, so both are one
 * event ({@code roistat:<account>:call:<id>}); becomes a CALL. Roistat has no ClientId field: the
 * site must put it in a custom parameter (fields.client-id), or a yclid must be in the landing page;</li>
 * <li>"Своя CRM": GET with action=lead and token = md5(login + password); a lead becomes an
 * ORDER in IN_PROGRESS ({@code roistat:<account>:lead:<id>}, lead-output), its phone and e-mail the contact.</li>
 * </ul>
 */
@Singleton
public class RoistatAdapter implements SourceAdapter {

    static final String NAME = "roistat";
    private static final Logger LOG = Logger.getLogger(RoistatAdapter.class);
    private static final ObjectReader JSON = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final RoistatConfig config;
    private final ZoneId zone;
    private final CrmToken token;

    public RoistatAdapter(RoistatConfig config, MetricaConfig metrica) {
        this.config = config;
        this.zone = Fields.zone(config.timeZone(), "relay.sources.roistat.time-zone", metrica.timezone());
        this.token = CrmToken.of(config.tokenMd5(), config.login(), config.password());
    }

    void onStart(@Observes StartupEvent event) {
        if (token == null) {
            LOG.warn("relay.sources.roistat.token-md5 (or login and password) is not set: the token of Roistat's "
                    + "CRM lead hook is NOT checked");
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
    public void authenticate(InboundRequest request) {
        JsonNode p = request.payload();
        if (token != null && isCrm(p)) {
            token.verify(Json.text(p.get("token")));
        }
    }

    @Override
    public Uni<List<SourceItem>> read(InboundRequest request) {
        JsonNode p = request.payload();
        return Uni.createFrom().item(() -> List.of(isCrm(p) ? lead(p) : call(p)));
    }

    /** The CRM hook carries action and token; the call-tracking JSON carries neither. */
    static boolean isCrm(JsonNode p) {
        return p.has("action") || p.has("token");
    }

    SourceItem call(JsonNode p) {
        RoistatConfig.Fields f = config.fields();
        String id = text(p, f.id());
        if (id == null) {
            throw RelayProblem.unprocessable(f.id(), "a Roistat call needs its id in '" + f.id() + "'");
        }
        String phone = Phones.normalize(text(p, f.phone())).orElse(null);
        String landing = text(p, f.landingUrl());
        Identity identity = Identity.builder()
                .clientId(text(p, f.clientId()))
                .yclid(text(p, f.yclid()))
                .yclidFromUrl(landing)
                .phone(phone)
                .build();
        Integer duration = seconds(p, f.duration());
        Integer talk = seconds(p, f.talkSeconds());
        Integer hold = duration != null && talk != null && duration >= talk ? duration - talk : null;
        String status = text(p, f.status());
        Boolean missed = status == null ? null : config.answeredStatuses().stream().noneMatch(status::equalsIgnoreCase);
        Instant at = time(p, f.time(), zone);
        return DealEvent.builder(NAME, config.account(), "call:" + id)
                .identity(identity)
                .createdAt(at)
                .occurredAt(at)
                .call(new Call(phone, talk, hold, missed, null, text(p, f.tag()), landing))
                .build();
    }

    SourceItem lead(JsonNode p) {
        String id = text(p, "id");
        String eventId = DealEvent.eventId(NAME, config.account(), "lead:" + (id == null ? "none" : id));
        String action = text(p, "action");
        if (!"lead".equalsIgnoreCase(action)) {
            return new Skipped(eventId, NAME, "action:" + (action == null ? "none" : Fields.slug(action)));
        }
        if (id == null) {
            throw RelayProblem.unprocessable("id", "a Roistat CRM lead needs its id");
        }
        if (config.leadOutput() == Output.IGNORED) {
            return new Skipped(eventId, NAME, "crm_leads_ignored");
        }
        RoistatConfig.Fields f = config.fields();
        JsonNode data = data(text(p, "data"));
        String landing = Fields.firstText(data, "page", "landing_page", f.landingUrl());
        Identity identity = Identity.builder()
                .clientId(text(p, f.clientId()))
                .clientId(text(data, f.clientId()))
                .yclid(text(p, f.yclid()))
                .yclid(text(data, f.yclid()))
                .yclidFromUrl(landing)
                .phone(text(p, "phone"))
                .email(text(p, "email"))
                .build();
        return DealEvent.builder(NAME, config.account(), "lead:" + id)
                .identity(identity)
                .createdAt(time(p, "created_date", ZoneOffset.UTC)) // Roistat sends it in UTC+0
                .output(config.leadOutput())
                .build();
    }

    /** data is a JSON string with the landing page and extra form fields; unreadable data is left out, not fatal. */
    private static JsonNode data(String raw) {
        if (raw == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode node = JSON.readTree(raw);
            return node != null && node.isObject() ? node : JsonNodeFactory.instance.objectNode();
        } catch (JacksonException notJson) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static Instant time(JsonNode p, String field, ZoneId zone) {
        return Fields.time(Fields.text(p, field), zone, field, "'" + field + "'");
    }

    private static Integer seconds(JsonNode p, String field) {
        return Fields.seconds(Fields.text(p, field), field, "'" + field + "'");
    }

    private static String text(JsonNode p, String field) {
        return Fields.text(p, field);
    }
}
