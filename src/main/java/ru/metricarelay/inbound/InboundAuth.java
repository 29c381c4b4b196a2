package ru.metricarelay.inbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.inject.Singleton;
import ru.metricarelay.config.RelayConfig;

/**
 * The relay's own shared secret (SPEC §2): from X-Relay-Secret or the /hooks/{source}/{secret} path.
 * Compared in constant time (digests of equal length, every configured secret checked), so neither
 * the secret nor which of several rotating secrets matched leaks through timing.
 */
@Singleton
public class InboundAuth {

    private final List<byte[]> secretDigests;

    public InboundAuth(RelayConfig relay) {
        this.secretDigests = relay.secret().orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(InboundAuth::sha256).toList();
    }

    public boolean enabled() {
        return !secretDigests.isEmpty();
    }

    public void check(String pathSecret, String headerSecret) {
        if (!enabled()) {
            return;
        }
        if (pathSecret == null && headerSecret == null) {
            throw RelayProblem.unauthorized("missing secret: send X-Relay-Secret or post to /hooks/{source}/{secret}");
        }
        boolean ok = matches(pathSecret) | matches(headerSecret); // no short-circuit: same work either way
        if (!ok) {
            throw RelayProblem.unauthorized("wrong secret");
        }
    }

    private boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] digest = sha256(candidate);
        boolean any = false;
        for (byte[] secret : secretDigests) {
            any |= MessageDigest.isEqual(secret, digest);
        }
        return any;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
