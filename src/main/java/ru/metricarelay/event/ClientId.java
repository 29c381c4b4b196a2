package ru.metricarelay.event;

import java.util.Optional;

/**
 * Metrica's visitor id (the _ym_uid cookie), docs/architecture.md#identity: 17–20 decimal digits, at most 2^64−1.
 * Anything else — an order number in a field named _ym_uid, "undefined", "null", "" — is not one.
 */
public final class ClientId {

    private static final String MAX = Long.toUnsignedString(-1L);

    private ClientId() {
    }

    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        return digits(value, 17, 20) && fitsUnsignedLong(value) ? Optional.of(value) : Optional.empty();
    }

    /** Metrica keeps a ClientId (and a yclid) as an unsigned 64-bit number: 20 digits at most 18446744073709551615. */
    static boolean fitsUnsignedLong(String digits) {
        return digits.length() < MAX.length() || digits.compareTo(MAX) <= 0;
    }

    /** {@code min} to {@code max} ASCII digits and nothing else (a loop: this runs for every field looked at). */
    static boolean digits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public static boolean isValid(String raw) {
        return parse(raw).isPresent();
    }
}
