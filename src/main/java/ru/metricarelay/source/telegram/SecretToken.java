package ru.metricarelay.source.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import ru.metricarelay.inbound.RelayProblem;

/**
 * The X-Telegram-Bot-Api-Secret-Token check (vendors.md §9). Compared as SHA-256 digests with
 * MessageDigest.isEqual against every configured token, so timing tells neither the token nor
 * which one matched. Neither the expected nor the received value is ever echoed.
 */
record SecretToken(List<byte[]> digests) {

    static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    static SecretToken of(List<String> tokens) {
        return new SecretToken(tokens.stream().map(String::trim).filter(t -> !t.isEmpty()).map(SecretToken::sha256).toList());
    }

    boolean enabled() {
        return !digests.isEmpty();
    }

    void verify(String received) {
        if (!enabled()) {
            return;
        }
        if (received == null || received.isBlank()) {
            throw RelayProblem.unauthorized("missing " + HEADER + " header: set the bot's webhook with secret_token"
                    + " (relay.sources.telegram.secret-token)");
        }
        byte[] digest = sha256(received.trim());
        boolean ok = false;
        for (byte[] expected : digests) {
            ok |= MessageDigest.isEqual(expected, digest); // no short-circuit: the same work for every token
        }
        if (!ok) {
            throw RelayProblem.unauthorized("wrong " + HEADER + " (relay.sources.telegram.secret-token)");
        }
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
