package ru.metricarelay.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What may appear in a log line or a response instead of personal data (docs/architecture.md#answers). */
public final class Mask {

    // Each pattern starts only where a word starts (the lookbehinds), and its repeats are bounded: a
    // sender's 4,000-digit or 4,000-letter value costs linear time, not quadratic (docs/security.md).
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.%+-])[\\w.%+-]{1,64}@[\\w-]{1,63}(\\.[\\w-]{1,63}){1,8}");
    /** A phone written any way (+7 (999) 000-11-22, 89990001122); checked for 10-15 digits below. */
    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])\\+?\\d[\\d ()\\-]{8,20}\\d");
    /** A value after a key that names a credential, in JSON ("token":"x") or a form (token=x). */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?<![\\w\\[\\]-])([\"']?[\\w\\[\\]-]{0,40}?"
            + "(?:token|secret|sign|password|passwd|api_?key|salt|crm_?key|auth)[\\w\\[\\]-]{0,40}[\"']?\\s{0,5}[:=]\\s{0,5}\"?)"
            + "([^\"&,}\\s]{1,4096})");

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

    /**
     * A sender's text (a webhook body, a query) fit to show an operator: e-mails and phones masked,
     * values of credential-named keys (token, secret, sign, password, api_key, ...) replaced by ***.
     * ClientIds and yclids (16 digits and more) and unix times stay readable.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String out = CREDENTIAL.matcher(text).replaceAll("$1***");
        out = EMAIL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(email(m.group())));
        return PHONE.matcher(out).replaceAll(m -> {
            String digits = m.group().replaceAll("\\D", "");
            boolean phone = digits.length() >= 11 && digits.length() <= 15 || digits.length() == 10 && digits.charAt(0) == '9';
            return Matcher.quoteReplacement(phone ? phone(digits) : m.group());
        });
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
