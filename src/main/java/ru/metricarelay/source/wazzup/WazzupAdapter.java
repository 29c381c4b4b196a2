package ru.metricarelay.source.wazzup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.SecretSet;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.ClientId;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Fields;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;

/**
 * Wazzup webhooks (docs/sources/wazzup.md): {"messages":[...]} and/or {"statuses":[...]}. Every inbound
 * message is one event (a CHAT by default) keyed by its messageId; the visitor's ClientId is the
 * code the site pre-filled into the first message ("...?text=Код: 1674202831464027743").
 * Outgoing messages (isEcho), delivery statuses and Wazzup's {"test": true} are skipped.
 */
@Singleton
public class WazzupAdapter extends SourceBase<WazzupConfig> {

    /** A digit run of ClientId length, not part of a longer number. */
    static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d{17,20}(?!\\d)");
    /** Group chats: their chatId is a group, not a person. */
    static final Set<String> GROUPS = Set.of("whatsgroup", "telegroup");
    static final Pattern CHAT_TYPE = Pattern.compile("[a-z_]{1,30}");

    /** Wazzup's only authentication: Authorization: Bearer &lt;crmKey&gt;; several valid (rotation). */
    private final SecretSet crmKeys;
    private final Pattern afterMarker;

    public WazzupAdapter(WazzupConfig config) {
        super("wazzup", config);
        this.crmKeys = SecretSet.of(config.crmKey().orElse(List.of()));
        this.afterMarker = config.clientIdMarker().filter(m -> !m.isBlank())
                .map(m -> Pattern.compile(Pattern.quote(m.trim()) + "[\\s:#№=_-]*(\\d{17,20})(?!\\d)",
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
                .orElse(null);
    }

    @Override
    public void authenticate(InboundRequest request) {
        crmKeys.verify(bearer(request.header("Authorization")), "crmKey in Authorization: Bearer <crmKey> (relay.sources.wazzup.crm-key)");
    }

    /** The token of "Bearer &lt;token&gt;" (scheme in any case); null for anything else. */
    static String bearer(String authorization) {
        String value = authorization == null ? "" : authorization.trim();
        return value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).trim() : null;
    }

    @Override
    public List<String> clientIdFields() {
        return List.of("/messages/*/text (a ClientId" + config.clientIdMarker().map(m -> " after '" + m + "'").orElse("") + ")");
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode body = object(request, "body", "one Wazzup webhook object ({\"messages\":[...]})");
        JsonNode messages = body.get("messages");
        JsonNode statuses = body.get("statuses");
        if (messages == null && statuses == null && Boolean.TRUE.equals(Json.flag(Json.text(body.get("test"))))) {
            // sent when the webhook URL is saved in Wazzup; it must be answered 200
            return List.of(skipped("test", "test_ping"));
        }
        List<SourceItem> items = new ArrayList<>();
        forEach(messages, "messages", (at, message) -> items.add(message(message, at)));
        forEach(statuses, "statuses", (at, status) -> {
            String id = Json.text(status.get("messageId"));
            items.add(skipped(id != null ? id : at, "status_update: delivery statuses are not relayed"));
        });
        if (items.isEmpty()) {
            items.add(skipped("none", "no_messages: expected messages[] or statuses[]"));
        }
        return items;
    }

    private SourceItem message(JsonNode message, String at) {
        String id = Fields.required(Json.text(message.get("messageId")), at + ".messageId",
                at + ".messageId is missing: every Wazzup message has one");
        if (Boolean.TRUE.equals(Json.flag(Json.text(message.get("isEcho"))))) {
            return skipped(id, "echo: an outgoing message (isEcho=true)");
        }
        String chatType = Json.text(message.get("chatType"));
        String type = chatType == null ? "none" : chatType.toLowerCase(Locale.ROOT);
        String shown = CHAT_TYPE.matcher(type).matches() ? type : "unknown";
        if (GROUPS.contains(type)) {
            return skipped(id, "group_chat: " + shown + " (a group is not one visitor)");
        }
        String platform = platform(type);
        if (platform == null && config.output() == Output.CHAT) {
            return skipped(id, "unsupported_chat_type: " + shown + " (Metrica chats are whatsapp, telegram or viber)");
        }
        String chatId = Json.text(message.get("chatId"));
        JsonNode contact = message.path("contact");
        Identity.Builder identity = Identity.builder()
                .clientId(clientIdIn(Json.text(message.get("text"))))
                .phone(Json.text(contact.get("phone")));
        boolean whatsapp = "whatsapp".equals(platform);
        if (whatsapp) {
            identity.phone(chatId); // a WhatsApp chatId is the phone number
        }
        Instant sentAt = time(message, at);
        return DealEvent.builder(name(), config.account(), id)
                .identity(identity.build())
                .at(sentAt)
                // WhatsApp: the phone goes to PhoneNumber rather than repeating it as ChatUserID;
                // ChatUsername is the messenger username, never the contact's display name (personal data)
                .chat(platform == null ? null
                        : new Chat(platform, whatsapp ? null : chatId, Json.text(contact.get("username"))))
                .build();
    }

    /** The ClientId the site pre-filled into the message: after the marker if one is configured, else the first valid digit run. */
    String clientIdIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = afterMarker != null ? afterMarker.matcher(text) : DIGIT_RUN.matcher(text);
        while (m.find()) {
            String digits = afterMarker != null ? m.group(1) : m.group();
            if (ClientId.isValid(digits)) {
                return digits;
            }
        }
        return null;
    }

    /** Metrica's ChatPlatform for a Wazzup chatType; null for channels Metrica's chat upload does not know. */
    static String platform(String chatType) {
        return switch (chatType) {
            case "whatsapp" -> "whatsapp";
            case "telegram", "tgapi" -> "telegram";
            case "viber" -> "viber";
            default -> null;
        };
    }

    private static Instant time(JsonNode message, String at) {
        return Fields.time(Json.text(message.get("dateTime")), ZoneOffset.UTC, at + ".dateTime", at + ".dateTime");
    }

    private static void forEach(JsonNode array, String name, java.util.function.BiConsumer<String, JsonNode> each) {
        if (array == null || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            throw RelayProblem.unprocessable(name, name + " must be an array");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = name + "[" + i + "]";
            if (!array.get(i).isObject()) {
                throw RelayProblem.unprocessable(at, at + " is not an object");
            }
            each.accept(at, array.get(i));
        }
    }

    private Skipped skipped(String id, String reason) {
        return skipped(config.account(), id, reason);
    }
}
