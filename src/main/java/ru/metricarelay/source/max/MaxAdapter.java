package ru.metricarelay.source.max;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
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
 * A MAX bot's webhook subscription (docs/sources/max.md). The site links to https://max.ru/&lt;bot&gt;?start=ym&lt;ClientId&gt;;
 * when the visitor starts the bot, MAX posts a bot_started update whose payload is that start parameter: one event (a
 * CONVERSION of max_start by default). Every other update is skipped with a reason and answered 200. Message texts are
 * never read.
 */
@Singleton
public class MaxAdapter extends SourceBase<MaxConfig> {

    static final String SECRET_HEADER = "X-Max-Bot-Api-Secret";
    static final Pattern UPDATE_TYPE = Pattern.compile("[a-z_]{1,40}");
    /** Unix milliseconds: MAX's time fields. */
    static final Pattern MILLIS = Pattern.compile("\\d{1,15}");
    /** BotStartedUpdate.payload: maxLength 512 in MAX's API schema. */
    static final int MAX_PAYLOAD = 512;

    private final SecretSet secrets;
    private final StartPayload payloads;

    public MaxAdapter(MaxConfig config) {
        super("max", config);
        this.secrets = SecretSet.of(config.secret().orElse(List.of()));
        this.payloads = new StartPayload(config);
    }

    /** What refuses the start (relay/operator/SetupWarnings): chats Metrica has no platform for. */
    public static Optional<String> setupProblem(MaxConfig config) {
        return DeepLinkSettings.chatWithoutPlatform(config, "max", "MAX");
    }

    @Override
    public void authenticate(InboundRequest request) {
        secrets.verify(request.header(SECRET_HEADER), SECRET_HEADER + " header: give POST /subscriptions the secret"
                + " of relay.sources.max.secret");
    }

    @Override
    public List<String> clientIdFields() {
        return List.of("/payload (max.ru link ?start=<ClientId>)");
    }

    @Override
    protected List<SourceItem> parse(InboundRequest request) {
        JsonNode update = object(request, "update", "one MAX Update object ({\"update_type\":...,\"timestamp\":...})");
        String type = Fields.required(Json.text(update.get("update_type")), "update_type",
                "update_type is missing: every MAX update names its type");
        String timestamp = Json.text(update.get("timestamp"));
        if (!type.equals("bot_started")) {
            String shown = UPDATE_TYPE.matcher(type).matches() ? type : "unknown";
            String reason = shown.equals("message_created") ? "message_created: only bot_started with a deep-link payload is relayed"
                    : "unsupported_update: " + shown;
            return List.of(skipped(config.account(), "update:" + shown + ":" + (timestamp == null ? "none" : Fields.slug(timestamp)),
                    reason));
        }
        Instant at = millis(timestamp);
        JsonNode user = update.path("user");
        String userId = Json.text(user.get("user_id"));
        String chatId = Json.text(update.get("chat_id"));
        if (chatId == null && userId == null) {
            throw RelayProblem.unprocessable("chat_id", "a bot_started update names its chat_id and user");
        }
        // the dialog and the moment: a resent update repeats both (MAX updates carry no id of their own)
        String id = (chatId != null ? chatId : "user:" + userId) + ":" + timestamp;
        String payload = Json.text(update.get("payload"));
        if (payload == null) {
            return List.of(skipped(config.account(), id, "start_without_payload: the bot was started without a deep link's"
                    + " ?start=, so no ClientId"));
        }
        if (payload.length() > MAX_PAYLOAD) {
            return List.of(skipped(config.account(), id, "invalid_start_payload: a start payload is at most 512 characters"));
        }
        return List.of(DealEvent.builder(name(), config.account(), id)
                .identity(payloads.identity(payload))
                .at(at)
                .chat(config.chatPlatform().map(p -> new Chat(p.toLowerCase(Locale.ROOT), userId, Json.text(user.get("username"))))
                        .orElse(null))
                .build());
    }

    /** timestamp: Unix milliseconds (MAX's API: every date-time field). */
    private static Instant millis(String timestamp) {
        if (timestamp == null || !MILLIS.matcher(timestamp).matches()) {
            throw RelayProblem.unprocessable("timestamp", "timestamp is not Unix milliseconds");
        }
        return Instant.ofEpochMilli(Long.parseLong(timestamp));
    }
}
