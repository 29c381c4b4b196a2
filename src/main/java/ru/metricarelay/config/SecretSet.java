package ru.metricarelay.config;

import java.security.MessageDigest;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Hashes;

/**
 * Secrets of which any one is valid (rotation), matched in constant time: each is kept as a SHA-256
 * digest, so every comparison is of equal-length arrays, and every secret is compared (no early
 * exit). Timing tells neither a secret, nor its length, nor which one matched. Used for the relay
 * secret and for senders' own tokens (Telegram, Wazzup, Bitrix24).
 */
public final class SecretSet {

    /** Shorter secrets can be guessed or mistaken for a source name; start-up warns about them. */
    public static final int MIN_LENGTH = 16;
    private static final Pattern SHOWABLE = Pattern.compile("[a-z0-9]{1,12}");

    private final List<byte[]> digests;

    private SecretSet(List<byte[]> digests) {
        this.digests = digests;
    }

    /** Blank values are ignored; values are trimmed. */
    public static SecretSet of(Collection<String> secrets) {
        return new SecretSet(secrets.stream().map(String::trim).filter(s -> !s.isEmpty()).map(Hashes::sha256).toList());
    }

    /**
     * Whether a path segment may appear in a log line or an answer: only what cannot be a secret
     * (at most 12 lower-case letters and digits; secrets are at least {@link #MIN_LENGTH}). A sender
     * that puts its secret where the source name goes (/hooks/&lt;secret&gt;) never sees it echoed.
     */
    public static boolean isShowable(String segment) {
        return segment != null && SHOWABLE.matcher(segment).matches();
    }

    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * Refuses with 401 unless the set is empty (the check is off) or {@code received} is one of the
     * secrets. {@code what} names the value and where it is configured, for the sender's benefit; the
     * values themselves are never echoed.
     */
    public void verify(String received, String what) {
        if (isEmpty()) {
            return;
        }
        if (received == null || received.isBlank()) {
            throw RelayProblem.unauthorized("missing " + what);
        }
        if (!matches(received.trim())) {
            throw RelayProblem.unauthorized("wrong " + what);
        }
    }

    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        byte[] digest = Hashes.sha256(candidate);
        boolean any = false;
        for (byte[] secret : digests) {
            any |= MessageDigest.isEqual(secret, digest);
        }
        return any;
    }
}
