package ru.metricarelay.source.roistat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Hashes;

/**
 * The token of Roistat's "Своя CRM" hook (docs/sources/roistat.md): md5(login + password) in lower-case hex.
 * Compared in constant time; never logged or echoed.
 */
final class CrmToken {

    private final byte[] expected;

    private CrmToken(byte[] expected) {
        this.expected = expected;
    }

    /** The configured token, from token-md5 or else login + password; null when neither is set. */
    static CrmToken of(Optional<String> tokenMd5, Optional<String> login, Optional<String> password) {
        Optional<String> md5 = tokenMd5.map(String::trim).filter(s -> !s.isEmpty());
        if (md5.isPresent()) {
            String hex = md5.get().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{32}")) {
                throw new IllegalStateException("relay.sources.roistat.token-md5 must be 32 hex digits: md5(login + password)");
            }
            return new CrmToken(hex.getBytes(StandardCharsets.US_ASCII));
        }
        if (login.filter(s -> !s.isEmpty()).isPresent() && password.filter(s -> !s.isEmpty()).isPresent()) {
            return new CrmToken(md5Hex(login.get() + password.get()).getBytes(StandardCharsets.US_ASCII));
        }
        return null;
    }

    void verify(String token) {
        if (token == null) {
            throw RelayProblem.unauthorized("the Roistat CRM request has no token");
        }
        if (!MessageDigest.isEqual(expected, token.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
            throw RelayProblem.unauthorized("the Roistat CRM token does not match relay.sources.roistat.token-md5 "
                    + "(or login/password)");
        }
    }

    static String md5Hex(String s) {
        return Hashes.md5Hex(s);
    }
}
