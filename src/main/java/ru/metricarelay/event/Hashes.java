package ru.metricarelay.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hashes the relay uses: SHA-256 for secrets, signatures and content ids; MD5 where Metrica or Roistat ask for it. */
public final class Hashes {

    private Hashes() {
    }

    public static byte[] sha256(String s) {
        return digest("SHA-256", s);
    }

    /** A short, deterministic id for a payload without one: the same content always gets the same id. */
    public static String contentId(String s) {
        return HexFormat.of().formatHex(sha256(s), 0, 12);
    }

    /** Lower-case hex MD5 (Metrica's phones_md5/emails_md5, Roistat's token). */
    public static String md5Hex(String s) {
        return HexFormat.of().formatHex(digest("MD5", s));
    }

    private static byte[] digest(String algorithm, String s) {
        try {
            return MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JVM", e);
        }
    }
}
