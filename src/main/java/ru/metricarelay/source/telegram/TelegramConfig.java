package ru.metricarelay.source.telegram;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.source.DeepLinkSettings;

/** A Telegram bot's webhook (relay.sources.telegram.*): /start deep links carrying the visitor's ClientId. */
@ConfigMapping(prefix = "relay.sources.telegram")
public interface TelegramConfig extends DeepLinkSettings {

    /**
     * The secret_token given to setWebhook; Telegram sends it as X-Telegram-Bot-Api-Secret-Token.
     * Several values are all valid (rotation). Unset: no check beyond the relay secret.
     */
    Optional<List<String>> secretToken();
}
