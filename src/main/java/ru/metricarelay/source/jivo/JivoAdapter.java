package ru.metricarelay.source.jivo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.Result;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Jivo webhooks (docs/sources/jivo.md): one JSON event per request, its type in event_name. A chat or an
 * offline message is one event (a CONVERSION by default) keyed by the chat, so every event of one
 * chat carries the same id; the visitor's ClientId arrives as user_token when the site called
 * jivo_api.setUserToken(ClientId). Jivo wants {"result":"ok"} in the answer.
 */
@Singleton
public class JivoAdapter extends SourceBase<JivoConfig> {

    static final Set<String> CHAT_EVENTS = Set.of("chat_accepted", "chat_updated", "chat_finished", "offline_message");
    static final Set<String> CRM_EVENTS = Set.of("created_deal", "updated_deal");
    static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z_]{1,40}");

    private final Set<String> enabled;

    public JivoAdapter(JivoConfig config) {
        super("jivo", config);
        this.enabled = Set.copyOf(config.events().stream().map(e -> e.trim().toLowerCase(Locale.ROOT)).toList());
    }

    @Override
    public Map<String, Object> answerExtras(InboundRequest request, List<Result> results) {
        return Map.of("result", "ok");
    }

    @Override
    public List<String> clientIdFields() {
        List<String> fields = new ArrayList<>(List.of("/visitor/user_token"));
        config.clientIdKeys().forEach(key -> fields.add("custom_data: " + key));
        return fields;
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode body = object(request, "body", "one Jivo webhook object ({\"event_name\":...})");
        String event = Fields.required(Json.text(body.get("event_name")), "event_name",
                "event_name is missing: every Jivo webhook names its event");
        String name = event.toLowerCase(Locale.ROOT);
        String account = account(body);
        if (CRM_EVENTS.contains(name)) {
            String deal = Json.text(body.get("deal_id"));
            return List.of(skipped(account, deal == null ? "deal:none" : "deal:" + deal,
                    "crm_deal_not_supported: " + name + " (only chat events are relayed)"));
        }
        String chatId = Json.text(body.get("chat_id"));
        if (!CHAT_EVENTS.contains(name)) {
            String shown = EVENT_NAME.matcher(event).matches() ? name : "unknown";
            return List.of(skipped(account, chatId == null ? "event:" + shown : chatId, "unsupported_event: " + shown));
        }
        String id = id(body, name, chatId);
        if (!enabled.contains(name)) {
            return List.of(skipped(account, id, "event_not_enabled: " + name + " (relay.sources.jivo.events)"));
        }
        return List.of(DealEvent.builder(name(), account, id)
                .identity(identity(body))
                // Jivo sends no time: the receipt time (conversions are clamped to it minus 1 s)
                .at(request.receivedAt())
                .chat(config.chatPlatform().map(platform -> new Chat(platform.toLowerCase(Locale.ROOT), null, null)).orElse(null))
                .build());
    }

    /** The chat: chat_id (all events of a chat share it); an offline message: offline:&lt;offline_message_id&gt;. */
    private static String id(JsonNode body, String name, String chatId) {
        String offline = Json.text(body.get("offline_message_id"));
        if (name.equals("offline_message") && offline != null) {
            return "offline:" + offline;
        }
        if (chatId == null) {
            throw RelayProblem.unprocessable("chat_id", "chat_id is missing: every Jivo chat event names its chat");
        }
        return chatId;
    }

    /** widget_id, so two Jivo widgets on one relay never share an id; else the account setting. */
    private String account(JsonNode body) {
        String widget = Json.text(body.get("widget_id"));
        return widget != null ? widget : config.account();
    }

    /** user_token first (jivo_api.setUserToken), then custom_data; phone and e-mail of the visitor; yclid from the page. */
    Identity identity(JsonNode body) {
        Identity.Builder identity = Identity.builder().clientId(Json.text(body.get("user_token")));
        List<JsonNode> customData = customData(body);
        values(customData, config.clientIdKeys()).forEach(identity::clientId);
        values(customData, config.yclidKeys()).forEach(identity::yclid);
        JsonNode visitor = body.path("visitor");
        identity.phone(Json.text(visitor.get("phone")))
                .email(Json.text(visitor.get("email")))
                .yclidFromUrl(Json.text(body.path("page").get("url")));
        return identity.build();
    }

    /**
     * custom_data as lists of {"title"|"key": name, "content"|"value": value}, or as a plain object,
     * wherever Jivo puts it: on the event, on visitor, or on the CRM client.
     */
    private static List<JsonNode> customData(JsonNode body) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode holder : List.of(body, body.path("visitor"), body.path("client"))) {
            JsonNode data = holder.get("custom_data");
            if (data != null && data.isContainerNode()) {
                found.add(data);
            }
        }
        return found;
    }

    private static List<String> values(List<JsonNode> customData, List<String> keys) {
        List<String> values = new ArrayList<>();
        for (String key : keys) {
            for (JsonNode data : customData) {
                if (data.isObject()) {
                    data.fields().forEachRemaining(f -> {
                        if (f.getKey().trim().equalsIgnoreCase(key.trim()) && Json.text(f.getValue()) != null) {
                            values.add(Json.text(f.getValue()));
                        }
                    });
                } else {
                    for (JsonNode entry : data) {
                        String name = Json.text(entry.has("title") ? entry.get("title") : entry.get("key"));
                        String value = Json.text(entry.has("content") ? entry.get("content") : entry.get("value"));
                        if (name != null && value != null && name.equalsIgnoreCase(key.trim())) {
                            values.add(value);
                        }
                    }
                }
            }
        }
        return values;
    }

}
