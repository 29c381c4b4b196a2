package ru.metricarelay.source.max;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import ru.metricarelay.source.DeepLinkSettings;

/** A MAX bot's webhook subscription (relay.sources.max.*): max.ru links with ?start= carrying the visitor's ClientId. */
@ConfigMapping(prefix = "relay.sources.max")
public interface MaxConfig extends DeepLinkSettings {

    /**
     * The secret given to POST /subscriptions; MAX sends it as X-Max-Bot-Api-Secret (5-256 characters of A-Z a-z
     * 0-9 _ -). Several values are all valid (rotation). Unset: no check beyond the relay secret.
     */
    Optional<List<String>> secret();
}
