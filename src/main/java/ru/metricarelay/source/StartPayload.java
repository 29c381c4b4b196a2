package ru.metricarelay.source;

import java.util.ArrayList;
import java.util.List;

import ru.metricarelay.event.Identity;

/**
 * The ClientId in a messenger deep link's start parameter, one rule for every bot (Telegram, VK, MAX;
 * docs/sources/messenger-links.md): the bare ClientId, "ym" and the ClientId, or a configured prefix
 * (payload-prefixes) and the ClientId. Anything else has no ClientId: the router answers no_identity.
 */
public final class StartPayload {

    private final List<String> prefixes;

    public StartPayload(DeepLinkSettings settings) {
        List<String> all = new ArrayList<>(List.of("ym"));
        settings.payloadPrefixes().orElse(List.of()).stream().map(String::trim).filter(p -> !p.isEmpty()).forEach(all::add);
        this.prefixes = List.copyOf(all);
    }

    /** The payload's identity: its ClientId, with or without one of the prefixes (compared ignoring case). */
    public Identity identity(String payload) {
        Identity.Builder identity = Identity.builder().clientId(payload);
        for (String prefix : prefixes) {
            if (payload.length() > prefix.length() && payload.regionMatches(true, 0, prefix, 0, prefix.length())) {
                identity.clientId(payload.substring(prefix.length()));
            }
        }
        return identity.build();
    }
}
