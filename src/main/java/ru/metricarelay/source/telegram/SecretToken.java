package ru.metricarelay.source.telegram;

import java.util.List;

import ru.metricarelay.inbound.RelayProblem;
import ru.metricarelay.inbound.SecretSet;

/**
 * The X-Telegram-Bot-Api-Secret-Token check (vendors.md §9), in constant time against every
 * configured token ({@link SecretSet}). Neither the expected nor the received value is ever echoed.
 */
record SecretToken(SecretSet tokens) {

    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    static SecretToken of(List<String> tokens) {
        return new SecretToken(SecretSet.of(tokens));
    }

    boolean enabled() {
        return !tokens.isEmpty();
    }

    void verify(String received) {
        if (!enabled()) {
            return;
        }
        if (received == null || received.isBlank()) {
            throw RelayProblem.unauthorized("missing " + HEADER + " header: set the bot's webhook with secret_token"
                    + " (relay.sources.telegram.secret-token)");
        }
        if (!tokens.matches(received.trim())) {
            throw RelayProblem.unauthorized("wrong " + HEADER + " (relay.sources.telegram.secret-token)");
        }
    }
}
