package ru.metricarelay.event;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Amounts as senders write them ("45000", "1000000.00", "45 000,50") to exact decimals. Zero means
 * "no amount" (amoCRM sends price 0 for an empty price). Metrica caps revenue and cost at
 * 9223372036854 (docs/architecture.md#metrica-facts-the-builder-relies-on).
 */
public final class Money {

    public static final BigDecimal MAX = new BigDecimal("9223372036854");
    /** 13 digits, 6 decimals, separators and an exponent fit in this; anything longer is refused before parsing. */
    static final int MAX_TEXT = 40;
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]");

    private Money() {
    }

    /** @throws IllegalArgumentException with a message fit for a 422 detail */
    public static BigDecimal parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (raw.length() > MAX_TEXT * 4) {
            throw new IllegalArgumentException("is not an amount Metrica accepts (too long)");
        }
        String s = raw.trim();
        if (hasSpace(s)) { // "45 000,50", with a no-break or narrow no-break space between the thousands
            s = SPACES.matcher(s).replaceAll("");
        }
        if (s.length() > MAX_TEXT) {
            throw new IllegalArgumentException("is not an amount Metrica accepts (too long)");
        }
        if (s.indexOf(',') >= 0 && s.indexOf('.') < 0) {
            s = s.replace(',', '.');
        }
        BigDecimal value;
        try {
            value = new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not an amount");
        }
        return check(value);
    }

    private static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0' || c == '\u202F') {
                return true;
            }
        }
        return false;
    }

    public static BigDecimal check(BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return null;
        }
        if (value.signum() < 0) {
            throw new IllegalArgumentException("is negative");
        }
        if (value.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("exceeds Metrica's maximum of " + MAX);
        }
        if (value.scale() > 6) {
            throw new IllegalArgumentException("has more than 6 decimal places");
        }
        return value;
    }
}
