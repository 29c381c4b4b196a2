package ru.metricarelay.event;

/** What may appear in a log line or a response instead of personal data (docs/architecture.md#answers). */
public final class Mask {

    private Mask() {
    }

    /** 79995551122 → 7999***1122. */
    public static String phone(String digits) {
        if (digits == null) {
            return null;
        }
        if (digits.length() < 9) {
            return "***";
        }
        return digits.substring(0, 4) + "***" + digits.substring(digits.length() - 4);
    }

    /** client@example.com → c***@example.com. */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }
}
