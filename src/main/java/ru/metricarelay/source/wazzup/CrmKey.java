package ru.metricarelay.source.wazzup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import ru.metricarelay.inbound.RelayProblem;

/**
 * Wazzup's only authentication (vendors.md §8): {@code Authorization: Bearer <crmKey>}. Compared as
 * SHA-256 digests with MessageDigest.isEqual against every configured key, never echoed.
 */
record CrmKey(List<byte[]> digests) {

    static CrmKey of(List<String> keys) {
        return new CrmKey(keys.stream().map(String::trim).filter(k -> !k.isEmpty()).map(CrmKey::sha256).toList());
    }

    boolean enabled() {
        return !digests.isEmpty();
    }

    void verify(String authorization) {
        if (!enabled()) {
            return;
        }
        String value = authorization == null ? "" : authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw RelayProblem.unauthorized("missing Authorization: Bearer <crmKey> (relay.sources.wazzup.crm-key)");
        }
        byte[] digest = sha256(value.substring(7).trim());
        boolean ok = false;
        for (byte[] expected : digests) {
            ok |= MessageDigest.isEqual(expected, digest); // no short-circuit: the same work for every key
        }
        if (!ok) {
            throw RelayProblem.unauthorized("wrong crmKey in Authorization: Bearer (relay.sources.wazzup.crm-key)");
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
