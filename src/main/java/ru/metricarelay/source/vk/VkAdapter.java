package ru.metricarelay.source.vk;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.config.SecretSet;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.DeepLinkSettings;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;
import ru.metricarelay.source.StartPayload;

/**
 * A VK community's Callback API server (docs/sources/vk.md). The site links to https://vk.me/&lt;community&gt;?ref=ym&lt;ClientId&gt;;
 * the visitor's first message then arrives as message_new with object.message.ref, which is one event (a CONVERSION of
 * vk_start by default). VK reads a plain-text answer: "ok", or for type=confirmation the configured string, and resends
 * anything else until it switches the server off; so refusals that resending cannot cure are answered "ok" too, and
 * kept in the log and /admin/deliveries. The message text is never read.
 */
@Singleton
public class VkAdapter extends SourceBase<VkConfig> {

    static final String OK = "ok";
    static final String CONFIRMATION = "confirmation";
    static final Pattern TYPE = Pattern.compile("[a-z_]{1,40}");
    /** Unreadable (400), wrong content type (415), invalid (422), refused by Metrica (502): the same again fails again. */
    static final Set<Integer> ANSWERED_OK = Set.of(400, 415, 422, 502);

    private final SecretSet secrets;
    private final StartPayload payloads;

    public VkAdapter(VkConfig config) {
        super("vk", config);
        this.secrets = SecretSet.of(config.secret().orElse(List.of()));
        this.payloads = new StartPayload(config);
    }

    /** What refuses the start (relay/operator/SetupWarnings): a connected community without its secret key, chats Metrica has no platform for. */
    public static List<String> setupProblems(VkConfig config, boolean live) {
        List<String> problems = new ArrayList<>();
        boolean connected = config.confirmation().filter(c -> !c.isBlank()).isPresent();
        if (live && connected && SecretSet.of(config.secret().orElse(List.of())).isEmpty()) {
            problems.add("relay.sources.vk.confirmation is set but relay.sources.vk.secret is not: anyone who learns the webhook"
                    + " URL could post VK events to your counter; set a Secret key in VK's Callback API settings and the same"
                    + " value in relay.sources.vk.secret");
        }
        DeepLinkSettings.chatWithoutPlatform(config, "vk", "VK").ifPresent(problems::add);
        return problems;
    }

    @Override
    public void authenticate(InboundRequest request) {
        JsonNode body = request.payload();
        secrets.verify(Json.text(body.get("secret")), "secret in the body: set the Callback API server's Secret key in"
                + " relay.sources.vk.secret");
        config.groupId().ifPresent(expected -> {
            if (!String.valueOf(expected).equals(Json.text(body.get("group_id")))) {
                throw RelayProblem.unauthorized("group_id names another community than relay.sources.vk.group-id");
            }
        });
    }

    @Override
    public List<String> clientIdFields() {
        return List.of("/object/message/ref (vk.me link ?ref=<ClientId>)");
    }

    @Override
    public String textAnswer(InboundRequest request, List<Result> results) {
        boolean confirmation = CONFIRMATION.equals(Json.text(request.payload().get("type")));
        return confirmation ? config.confirmation().map(String::trim).filter(c -> !c.isEmpty()).orElse(OK) : OK;
    }

    @Override
    public String textAnswerInstead(RelayProblem problem) {
        return ANSWERED_OK.contains(problem.status()) ? OK : null;
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode body = object(request, "body", "one Callback API event ({\"type\":...,\"object\":{...},\"group_id\":...})");
        String type = Fields.required(Json.text(body.get("type")), "type", "type is missing: every Callback API event names its type");
        String account = account(body);
        String eventId = Json.text(body.get("event_id"));
        if (type.equals(CONFIRMATION)) {
            return List.of(skipped(account, CONFIRMATION, config.confirmation().isPresent()
                    ? "confirmation: answered with relay.sources.vk.confirmation"
                    : "confirmation_not_configured: set relay.sources.vk.confirmation to the string VK's Callback API settings show"));
        }
        if (!type.equals("message_new")) {
            String shown = TYPE.matcher(type).matches() ? type : "unknown";
            return List.of(skipped(account, eventId == null ? "event:" + shown : eventId, "unsupported_event: " + shown));
        }
        JsonNode message = body.path("object").path("message");
        if (!message.isObject()) {
            throw RelayProblem.unprocessable("object.message", "a message_new event carries object.message: set API version"
                    + " 5.199 in the Callback API server's settings");
        }
        String id = eventId != null ? eventId : messageId(message);
        String ref = Json.text(message.get("ref"));
        if (ref == null) {
            return List.of(skipped(account, id, "message_without_ref: only a message opened from a vk.me link with ?ref= carries"
                    + " a ClientId"));
        }
        Instant date = Fields.time(Json.text(message.get("date")), ZoneOffset.UTC, "object.message.date", "object.message.date");
        return List.of(DealEvent.builder(name(), account, id)
                .identity(payloads.identity(ref))
                .at(date)
                .chat(config.chatPlatform().map(p -> new Chat(p.toLowerCase(Locale.ROOT), Json.text(message.get("from_id")), null))
                        .orElse(null))
                .build());
    }

    /** Without event_id (older API versions): the message in its conversation, which a resend repeats too. */
    private static String messageId(JsonNode message) {
        String peer = Json.text(message.get("peer_id"));
        String number = Json.text(message.get("conversation_message_id"));
        if (peer == null || number == null) {
            throw RelayProblem.unprocessable("event_id", "the event has no event_id and its message no peer_id /"
                    + " conversation_message_id");
        }
        return "message:" + peer + ":" + number;
    }

    /** The community (group_id), so two communities on one relay never share an id; else the account setting. */
    private String account(JsonNode body) {
        String group = Json.text(body.get("group_id"));
        return group != null ? group : config.account();
    }
}
