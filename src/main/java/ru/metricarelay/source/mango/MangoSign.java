package ru.metricarelay.source.mango;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Hashes;

/**
 * Mango's request signature (docs/sources/mango.md): sign = hex(Hashes.sha256(vpbx_api_key + json + vpbx_api_salt)),
 * over the json field exactly as sent, before any parsing. Compared in constant time, key and sign
 * alike, so a wrong key takes as long to refuse as a wrong sign.
 */
final class MangoSign {

    private final byte[] keyDigest;
    private final String key;
    private final String salt;

    MangoSign(String key, String salt) {
        this.key = key;
        this.salt = salt;
        this.keyDigest = Hashes.sha256(key);
    }

    /** Throws 401 unless the request's key is ours and its sign is ours over its json. */
    void verify(String requestKey, String sign, String json) {
        if (requestKey == null || sign == null || json == null) {
            throw RelayProblem.unauthorized("a Mango request needs the form fields vpbx_api_key, sign and json");
        }
        boolean keyOk = MessageDigest.isEqual(keyDigest, Hashes.sha256(requestKey));
        byte[] expected = HexFormat.of().formatHex(Hashes.sha256(key + json + salt)).getBytes(StandardCharsets.US_ASCII);
        boolean signOk = MessageDigest.isEqual(expected, sign.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        if (!(keyOk & signOk)) { // no short-circuit: the same work whichever is wrong
            throw RelayProblem.unauthorized("Mango sign check failed: vpbx_api_key or sign does not match "
                    + "relay.sources.mango.api-key / api-salt");
        }
    }
}
