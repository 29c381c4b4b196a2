package ru.metricarelay.event;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as Metrica wants them: digits with the country code (79995551111). Parsing is
 * libphonenumber's job: "+7 (999) 555-11-11", "8 999 555 11 11" and "79995551111" are one number;
 * "333" from a test account is none.
 */
public final class Phones {

    /** Numbers without a country code are read as Russian ones: that is who sends us webhooks. */
    private static final String DEFAULT_REGION = "RU";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        // "79995551111" has no '+', and libphonenumber would read it as a Russian national number
        if (Digits.only(value, 11, 15) && !value.startsWith("8")) {
            value = "+" + value;
        }
        try {
            PhoneNumber number = UTIL.parse(value, DEFAULT_REGION);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(number.getCountryCode() + Long.toString(number.getNationalNumber()));
        } catch (NumberParseException notAPhone) {
            return Optional.empty();
        }
    }

    /** "+79995551111" for Metrica's call uploads (PhoneNumber column). */
    public static String e164(String normalized) {
        return "+" + normalized;
    }
}
