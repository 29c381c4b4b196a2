package ru.metricarelay.event;

/** Digit-only identifiers (ClientId, yclid, international phone digits), checked without a regex: they run for every field looked at. */
public final class Digits {

    private static final String MAX_UNSIGNED_LONG = Long.toUnsignedString(-1L);

    private Digits() {
    }

    /** {@code min} to {@code max} ASCII digits and nothing else. */
    public static boolean only(String s, int min, int max) {
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

    /** Digits (already checked by {@link #only}, at most 20) that fit an unsigned 64-bit number, as Metrica keeps ClientIds and yclids. */
    static boolean fitUnsignedLong(String digits) {
        return digits.length() < MAX_UNSIGNED_LONG.length() || digits.compareTo(MAX_UNSIGNED_LONG) <= 0;
    }
}
