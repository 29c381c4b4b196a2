package ru.metricarelay.event;

import java.util.Optional;

/**
 * Metrica's visitor id (the _ym_uid cookie), docs/architecture.md#identity: 17–20 decimal digits, at most 2^64−1.
 * Anything else — an order number in a field named _ym_uid, "undefined", "null", "" — is not one.
 */
public final class ClientId {

    private ClientId() {
    }

    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        return Digits.only(value, 17, 20) && Digits.fitUnsignedLong(value) ? Optional.of(value) : Optional.empty();
    }

    public static boolean isValid(String raw) {
        return parse(raw).isPresent();
    }
}
