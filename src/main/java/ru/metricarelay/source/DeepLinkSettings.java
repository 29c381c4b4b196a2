package ru.metricarelay.source;

import java.util.List;
import java.util.Optional;

import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Output;

/**
 * The settings of a messenger bot whose deep link carries the visitor's ClientId from the site (Telegram's and MAX's
 * ?start=, VK's ?ref=; docs/sources/messenger-links.md), read by {@link StartPayload}.
 */
public interface DeepLinkSettings extends SourceSettings {

    /**
     * Prefixes the site puts before the ClientId in the deep link's start parameter, besides "ym" (always
     * understood), e.g. "lp2_" for lp2_1674202831464027743.
     */
    Optional<List<String>> payloadPrefixes();

    /**
     * What refuses the start of a bot {@code source} whose messenger Metrica's chat upload has no platform for (VK,
     * MAX): output=CHAT without a chat-platform of its own.
     */
    static Optional<String> chatWithoutPlatform(DeepLinkSettings settings, String source, String messenger) {
        return settings.output() == Output.CHAT && settings.chatPlatform().isEmpty()
                ? Optional.of("relay.sources." + source + ".output=CHAT needs relay.sources." + source + ".chat-platform: Metrica's"
                        + " chat upload takes whatsapp, telegram or viber, and " + messenger + " is none of them; keep output=CONVERSION")
                : Optional.empty();
    }
}
