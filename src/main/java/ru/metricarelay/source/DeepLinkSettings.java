package ru.metricarelay.source;

import java.util.List;
import java.util.Optional;

import ru.metricarelay.config.SourceSettings;

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
}
