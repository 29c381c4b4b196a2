package ru.metricarelay.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Whatever the relay's own parsers take for a phone ({@link Phones}, libphonenumber) or an e-mail ({@link Emails}),
 * {@link Mask#text} does not show in full, in a JSON value, a form field or running text (docs/security.md).
 * Seeded, so a failure names its input and reproduces. The generators write numbers and addresses the way
 * senders do: Russian and Kazakh numbers with any prefix, grouping, dashes, dots, brackets, full-width digits,
 * foreign ones in international form; Latin and Cyrillic addresses, JSON-escaped '@'. (Vanity numbers with
 * letters, which libphonenumber also reads, are out of scope.)
 */
class MaskPropertiesTest {

    static final String FULL_WIDTH = "０１２３４５６７８９";

    @Test
    void noPhoneTheParserAcceptsSurvivesMasking() {
        Random random = new Random(20);
        int checked = 0;
        for (int i = 0; i < 3_000; i++) {
            String phone = phone(random);
            String normalized = Phones.normalize(phone).orElse(null);
            if (normalized == null) {
                continue;
            }
            String tail = normalized.substring(normalized.length() - 9);
            for (String context : contexts("phone", phone)) {
                String masked = Mask.text(context);
                assertFalse(masked.contains(phone), () -> context + " → " + masked);
                assertFalse(asciiDigits(masked).contains(tail), () -> context + " → " + masked);
            }
            checked++;
        }
        assertTrue(checked > 2_000, "only " + checked + " generated phones parsed");
    }

    @Test
    void noEmailTheParserAcceptsSurvivesMasking() {
        Random random = new Random(21);
        int checked = 0;
        for (int i = 0; i < 3_000; i++) {
            String email = email(random);
            if (Emails.normalize(email).isEmpty()) {
                continue;
            }
            List<String> contexts = new ArrayList<>(contexts("email", email));
            contexts.add("{\"email\":\"" + email.replace("@", "\\u0040") + "\"}");
            for (String context : contexts) {
                String masked = Mask.text(context);
                assertFalse(masked.contains(email) || masked.contains(email.replace("@", "\\u0040")), () -> context + " → " + masked);
            }
            checked++;
        }
        assertTrue(checked > 2_000, "only " + checked + " generated e-mails parsed");
    }

    static List<String> contexts(String key, String value) {
        return List.of("{\"" + key + "\":\"" + value + "\",\"n\":1}", key + "=" + value + "&n=1", "contact " + value + ", thanks");
    }

    static String phone(Random random) {
        String national;
        String prefix;
        switch (random.nextInt(4)) {
            case 0 -> { // a Russian mobile, with any prefix or none
                national = "9" + digits(random, 9);
                prefix = pick(random, "+7", "8", "7", "+7 ", "8 ", "", "＋７", "+7-");
            }
            case 1 -> { // a Russian landline or toll-free number, or a Kazakh mobile
                national = pick(random, "3", "4", "8", "70") + digits(random, 9);
                national = national.substring(0, 10);
                prefix = pick(random, "+7", "8", "+7 ", "8 ", "");
            }
            case 2 -> { // a foreign number in international form
                String country = pick(random, "380", "375", "49", "44", "1", "998", "995");
                national = digits(random, 9 + random.nextInt(2));
                prefix = "+" + country + pick(random, " ", "", "-");
            }
            default -> { // as written by hand: brackets around the code
                national = "9" + digits(random, 9);
                return pick(random, "8", "+7", "") + pick(random, " ", "") + "(" + national.substring(0, 3) + ")" + pick(random, " ", "")
                        + group(national.substring(3), random, pick(random, "-", " ", ""));
            }
        }
        String separator = pick(random, " ", "-", ".", "", "\u00A0", "\u2013", " - ");
        String written = prefix + group(national, random, separator);
        return random.nextInt(5) == 0 ? fullWidth(written) : written;
    }

    static String group(String digits, Random random, String separator) {
        int[][] patterns = {{3, 3, 2, 2}, {3, 3, 4}, {3, 7}, {10}, {3, 2, 2, 3}, {2, 3, 2, 2, 1}};
        int[] sizes = patterns[random.nextInt(patterns.length)];
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (int k = 0; k < sizes.length && at < digits.length(); k++) {
            int end = k == sizes.length - 1 ? digits.length() : Math.min(digits.length(), at + sizes[k]);
            out.append(k == 0 ? "" : separator).append(digits, at, end);
            at = end;
        }
        return out.toString();
    }

    static String email(Random random) {
        String local = word(random, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789иванпетровИВАН", 1, 12)
                + (random.nextBoolean() ? "" : pick(random, ".", "_", "-", "+", "%") + word(random, "abcxyz019петр", 1, 8));
        String domain = word(random, random.nextBoolean() ? "abcdefghijklmnopqrstuvwxyz0123456789" : "пример0123почтаяндекс", 1, 12)
                + (random.nextInt(3) == 0 ? "-" + word(random, "abcмир", 1, 5) : "")
                + (random.nextInt(3) == 0 ? "." + word(random, "mailпочта", 1, 6) : "");
        return local + "@" + domain + "." + pick(random, "ru", "com", "рф", "рус", "org", "москва", "РФ");
    }

    static String word(Random random, String alphabet, int min, int max) {
        StringBuilder out = new StringBuilder();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    static String digits(Random random, int n) {
        return word(random, "0123456789", n, n);
    }

    static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? FULL_WIDTH.charAt(c - '0') : c == '+' ? '＋' : c);
        }
        return out.toString();
    }

    static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(Character::isDigit).forEach(c -> out.append(Character.digit(c, 10)));
        return out.toString();
    }
}
