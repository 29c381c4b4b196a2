package ru.metricarelay.source.telegram;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.config.SourceSettings;

/** A Telegram bot's webhook (relay.sources.telegram.*): /start deep links carrying the visitor's ClientId. */
@ConfigMapping(prefix = "relay.sources.telegram")
public interface TelegramConfig extends SourceSettings {

    /**
     * The secret_token given to setWebhook; Telegram sends it as X-Telegram-Bot-Api-Secret-Token.
     * Several values are all valid (rotation). Unset: no check beyond the relay secret.
     */
    Optional<List<String>> secretToken();

    /**
     * Prefixes the site puts before the ClientId in the start payload, besides "ym" (always
     * understood), e.g. "lp2_" for /start lp2_1674202831464027743.
     */
    Optional<List<String>> payloadPrefixes();
}
