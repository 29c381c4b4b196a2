package ru.metricarelay.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What may appear in a log line or a response instead of personal data (docs/architecture.md#answers). */
public final class Mask {

    // Each pattern starts only where a word starts (the lookbehinds), and its repeats are bounded: a
    // sender's 4,000-digit or 4,000-letter value costs linear time, not quadratic (docs/security.md).
    /** Any letters, as Cyrillic domains (иван@пример.рф) have them; the local part without a form's or URL's syntax. */
    private static final String LOCAL = "[\\p{L}\\p{M}\\p{N}_.%+!#$*^~-]";
    private static final String LABEL = "[\\p{L}\\p{M}\\p{N}_-]{1,63}";
    private static final Pattern EMAIL = Pattern.compile("(?<!" + LOCAL + ")" + LOCAL + "{1,64}@" + LABEL + "(?:\\." + LABEL + "){1,8}");
    /**
     * A phone written any way libphonenumber reads one (+7 (999) 000-11-22, 8.999.000.11.22, ＋７９９９…): any
     * decimal digits, spaces, dashes, dots and brackets; checked for its digits in {@link #phoneDigits}.
     */
    private static final String SEPARATOR = "\\p{Zs}\\u00AD\\u200B\\u2060()\\uFF08\\uFF09.\\uFF0E\\-\\u2010-\\u2015\\u2212\\u30FC\\uFF0D";
    private static final Pattern PHONE = Pattern.compile("(?<![\\p{Nd}+\\uFF0B])[+\\uFF0B]?\\p{Nd}[\\p{Nd}" + SEPARATOR + "]{8,30}\\p{Nd}");
    /** A key that names a credential, in JSON ("token": "x"), JSON inside JSON (\"token\":\"x\") or a form (token=x). */
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)(?<![\\w\\[\\]-])\\\\?[\"']?[\\w\\[\\]-]{0,40}?"
            + "(?:token|secret|sign|password|passwd|api_?key|salt|crm_?key|auth)[\\w\\[\\]-]{0,40}\\\\?[\"']?\\s{0,5}([:=])\\s{0,5}");
    private static final int MAX_VALUE = 4096;

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
     * A sender's text (a webhook body, a query, Metrica's error text) fit to show an operator: e-mails and
     * phones masked, values of credential-named keys (token, secret, sign, password, api_key, ...) replaced
     * by *** to their end. JSON's {@code \u0040}-style escapes are read first, so an escaped e-mail is one too.
     * ClientIds and yclids (16 digits and more) and unix times stay readable.
     */
    public static String text(String text) {
        if (text == null) {
            return null;
        }
        String out = credentials(jsonEscapesRead(text));
        out = EMAIL.matcher(out).replaceAll(m -> Matcher.quoteReplacement(email(m.group())));
        return PHONE.matcher(out).replaceAll(m -> {
            String digits = phoneDigits(m.group());
            return Matcher.quoteReplacement(digits != null ? phone(digits) : m.group());
        });
    }

    /** Whether a field of this name holds a credential (its whole value is shown as ***). */
    public static boolean credentialName(String name) {
        Matcher m = CREDENTIAL.matcher(name + "=");
        return m.lookingAt() && m.end() == name.length() + 1;
    }

    /**
     * The ASCII digits of a phone, or null for a number that is not one: 11-15 digits; 10 starting with a
     * Russian or Kazakh area or mobile code (3, 4, 7, 8, 9: a unix time starts with 1 or 2 until 2065); 8-10
     * after a '+'. A decimal is not a phone: one dot, at most 6 digits after it, only spaces besides
     * (1748500000.25, 45 000 000.00), where a phone's dots are many (8.999.123.45.67) or have more after them.
     */
    static String phoneDigits(String candidate) {
        StringBuilder digits = new StringBuilder(16);
        int dots = 0;
        int others = 0;
        int afterDot = 0;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
                digits.append((char) ('0' + Character.digit(c, 10)));
                afterDot++;
            } else if (c == '.' || c == '\uFF0E') {
                dots++;
                afterDot = 0;
            } else if (!Character.isSpaceChar(c)) {
                others++;
            }
        }
        int n = digits.length();
        boolean plus = candidate.charAt(0) == '+' || candidate.charAt(0) == '\uFF0B';
        boolean decimal = !plus && dots == 1 && others == 0 && afterDot <= 6;
        boolean phone = n >= 11 && n <= 15 || n == 10 && "34789".indexOf(digits.charAt(0)) >= 0 || plus && n >= 8 && n <= 10;
        return phone && !decimal ? digits.toString() : null;
    }

    /** Credential values replaced by ***: a quoted value to its closing quote, a form value to the next field, a bare one to its end. */
    private static String credentials(String text) {
        Matcher m = CREDENTIAL.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && m.find(from)) {
            int start = m.end();
            int end = valueEnd(text, start, m.group(1).charAt(0) == '=');
            if (end == start) {
                from = start;
                continue;
            }
            out = out == null ? new StringBuilder(text.length()) : out;
            String quote = opening(text, start);
            out.append(text, copied, start).append(quote).append("***").append(closing(text, end, quote));
            copied = Math.min(text.length(), end + closing(text, end, quote).length());
            from = copied;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** Where the value starting at {@code start} ends (its closing quote, if quoted); {@code start} for none. */
    private static int valueEnd(String text, int start, boolean form) {
        String quote = opening(text, start);
        int limit = Math.min(text.length(), start + quote.length() + MAX_VALUE);
        int i = start + quote.length();
        if (!quote.isEmpty()) {
            while (i < limit && !text.startsWith(quote, i) && text.charAt(i) != '\n') {
                i += text.charAt(i) == '\\' && quote.equals("\"") ? 2 : 1; // \" inside a JSON string does not end it
            }
            return Math.min(i, limit);
        }
        while (i < limit && (form ? "&\"'\r\n" : "&\"',}]\r\n\t ").indexOf(text.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static String opening(String text, int at) {
        if (text.startsWith("\\\"", at)) {
            return "\\\"";
        }
        return at < text.length() && (text.charAt(at) == '"' || text.charAt(at) == '\'') ? text.substring(at, at + 1) : "";
    }

    private static String closing(String text, int end, String quote) {
        return !quote.isEmpty() && text.startsWith(quote, end) ? quote : "";
    }

    /**
     * JSON's {@code \u0040}-style escapes of visible characters read as those characters (ivan\u0040example.com is
     * an e-mail; PHP escapes every Cyrillic letter so); quotes, backslashes, controls and invisible characters
     * stay escaped, so the JSON keeps its shape and no escape becomes a line break.
     */
    static String jsonEscapesRead(String text) {
        StringBuilder out = null;
        int copied = 0;
        int i = text.indexOf("\\u");
        while (i >= 0 && i + 6 <= text.length()) {
            int c = hex4(text, i + 2);
            if (c > 0 && c != '"' && c != '\\' && visible(c)) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, copied, i).append((char) c);
                copied = i + 6;
                i = text.indexOf("\\u", copied);
            } else {
                i = text.indexOf("\\u", i + 2);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static int hex4(String s, int at) {
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            char c = s.charAt(k);
            int d = c < 0x80 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                return -1;
            }
            value = value << 4 | d;
        }
        return value;
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
