package ru.metricarelay.source.telegram;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.SecretSet;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.event.Times;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceBase;
import ru.metricarelay.source.StartPayload;

/**
 * A Telegram bot's webhook (docs/sources/telegram.md). The site links to https://t.me/&lt;bot&gt;?start=&lt;ClientId&gt;;
 * the bot then receives an Update whose message text is "/start &lt;payload&gt;". That message is one
 * event (a CONVERSION by default, optionally a CHAT); every other update is skipped with a reason,
 * and answered 200 so Telegram does not queue it for redelivery. The message text may hold personal
 * data: it is never logged or echoed, only the payload's ClientId is used.
 */
@Singleton
public class TelegramAdapter extends SourceBase<TelegramConfig> {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final String PLATFORM = "telegram";
    /** "/start", "/start payload", and in groups "/start@MyBot payload". */
    static final Pattern START = Pattern.compile("/start(?:@[A-Za-z0-9_]{1,64})?(?:\\s+(.*))?", Pattern.DOTALL);
    /** Telegram's own deep-link limit: 1–64 characters of A-Z, a-z, 0-9, _ and -. */
    static final Pattern PAYLOAD = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final Pattern UPDATE_TYPE = Pattern.compile("[a-z_]{1,40}");

    /** X-Telegram-Bot-Api-Secret-Token: the secret_token given to setWebhook; several valid (rotation). */
    private final SecretSet secretTokens;
    private final StartPayload payloads;

    public TelegramAdapter(TelegramConfig config) {
        super("telegram", config);
        this.secretTokens = SecretSet.of(config.secretToken().orElse(List.of()));
        this.payloads = new StartPayload(config);
    }

    @Override
    public void authenticate(InboundRequest request) {
        secretTokens.verify(request.header(SECRET_HEADER), SECRET_HEADER + " header: set the bot's webhook with secret_token"
                + " (relay.sources.telegram.secret-token)");
    }

    @Override
    public List<String> clientIdFields() {
        return List.of("/message/text (/start <ClientId>)");
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode update = object(request, "update", "one Telegram Update object ({\"update_id\":...,\"message\":{...}})");
        String updateId = Json.text(update.get("update_id"));
        JsonNode message = update.get("message");
        if (message != null && message.isObject()) {
            return List.of(message(message, updateId));
        }
        String type = updateType(update);
        String reason = switch (type) {
            case "edited_message" -> "edited_message: only new /start messages are relayed";
            case "callback_query" -> "callback_query: only /start messages are relayed";
            default -> "unsupported_update: " + type;
        };
        return List.of(skipped(updateId == null ? "update:none" : "update:" + updateId, reason));
    }

    private SourceItem message(JsonNode message, String updateId) {
        String id = messageId(message, updateId);
        String text = Json.text(message.get("text"));
        Matcher start = text == null ? null : START.matcher(text);
        if (start == null || !start.matches()) {
            return skipped(id, "not_a_start_command: only /start <payload> messages are relayed");
        }
        String payload = start.group(1) == null ? "" : start.group(1).trim();
        if (payload.isEmpty()) {
            return skipped(id, "start_without_payload: a bare /start carries no ClientId");
        }
        if (!PAYLOAD.matcher(payload).matches()) {
            // typed by hand, not from a deep link; not echoed, it is the user's own text
            return skipped(id, "invalid_start_payload: a start payload is 1-64 characters of A-Z a-z 0-9 _ -");
        }
        Instant date = date(message);
        JsonNode from = message.path("from");
        String userId = Json.text(from.get("id"));
        return DealEvent.builder(name(), config.account(), id)
                .identity(payloads.identity(payload))
                .at(date)
                .chat(new Chat(config.chatPlatform().orElse(PLATFORM),
                        userId != null ? userId : Json.text(message.path("chat").get("id")),
                        Json.text(from.get("username"))))
                .build();
    }

    /** chat id and message id name a message for good (update_id restarts at random after a quiet week). */
    private static String messageId(JsonNode message, String updateId) {
        String chat = Json.text(message.path("chat").get("id"));
        String messageId = Json.text(message.get("message_id"));
        if (chat != null && messageId != null) {
            return chat + ":" + messageId;
        }
        if (updateId != null) {
            return "update:" + updateId;
        }
        throw RelayProblem.unprocessable("update_id", "the update has no update_id and its message no chat.id / message_id");
    }

    private static Instant date(JsonNode message) {
        String date = Json.text(message.get("date"));
        try {
            return Times.parse(date, ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable("message.date", "message.date " + e.getMessage());
        }
    }

    /** The update's kind: its one field besides update_id ("edited_message", "callback_query", ...). */
    private static String updateType(JsonNode update) {
        var names = update.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("update_id")) {
                return UPDATE_TYPE.matcher(name).matches() ? name : "unknown";
            }
        }
        return "none";
    }

    private SourceItem skipped(String id, String reason) {
        return skipped(config.account(), id, reason);
    }
}
