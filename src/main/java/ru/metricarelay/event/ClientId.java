package ru.metricarelay.event;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Metrica's visitor id (the _ym_uid cookie), docs/architecture.md#identity: 17–20 decimal digits, at most 2^64−1.
 * Anything else — an order number in a field named _ym_uid, "undefined", "null", "" — is not one.
 */
public final class ClientId {

    private static final Pattern DIGITS = Pattern.compile("\\d{17,20}");
    private static final String MAX = Long.toUnsignedString(-1L);

    private ClientId() {
    }

    public static Optional<String> parse(String raw) {
        return Optional.ofNullable(raw).map(String::trim).filter(v -> DIGITS.matcher(v).matches() && fitsUnsignedLong(v));
    }

    /** Metrica keeps a ClientId as an unsigned 64-bit number: 20 digits at most 18446744073709551615. */
    private static boolean fitsUnsignedLong(String digits) {
        return digits.length() < MAX.length() || digits.compareTo(MAX) <= 0;
    }

    public static boolean isValid(String raw) {
        return parse(raw).isPresent();
    }
}
