package ru.metricarelay.event;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Metrica's visitor id (the _ym_uid cookie), docs/architecture.md#identity: 17–20 decimal digits, at most 2^64−1.
 * Anything else — an order number in a field named _ym_uid, "undefined", "null", "" — is not one.
 */
public final class ClientId {

    private static final Pattern DIGITS = Pattern.compile("\\d{17,20}");

    private ClientId() {
    }

    public static Optional<String> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        if (!DIGITS.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            Long.parseUnsignedLong(value); // rejects anything above 18446744073709551615
            return Optional.of(value);
        } catch (NumberFormatException tooBig) {
            return Optional.empty();
        }
    }

    public static boolean isValid(String raw) {
        return parse(raw).isPresent();
    }
}
