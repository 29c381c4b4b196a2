package ru.metricarelay.event;

import java.math.BigDecimal;

/**
 * Amounts as senders write them ("45000", "1000000.00", "45 000,50") to exact decimals. Zero means
 * "no amount" (amoCRM sends price 0 for an empty price). Metrica caps revenue and cost at
 * 9223372036854 (docs/architecture.md#metrica-facts-the-builder-relies-on).
 */
public final class Money {

    public static final BigDecimal MAX = new BigDecimal("9223372036854");
    /** 13 digits, 6 decimals, separators and an exponent fit in this; anything longer is refused before parsing. */
    static final int MAX_TEXT = 40;

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
        String s = withoutSpaces(raw.trim()); // "45 000,50", with a no-break or narrow no-break space between the thousands
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

    /** The text without its separator spaces; the text itself when it has none (the common case: no copy). */
    private static String withoutSpaces(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                if (out == null) {
                    out = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /**
     * ASCII whitespace as a regex's \s matches it (space, tab, line feed, vertical tab, form feed, carriage return),
     * or a no-break or narrow no-break space.
     */
    private static boolean isSpace(char c) {
        return c == ' ' || c >= '\t' && c <= '\r' || c == '\u00A0' || c == '\u202F';
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
