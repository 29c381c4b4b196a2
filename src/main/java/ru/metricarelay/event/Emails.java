package ru.metricarelay.event;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** E-mail addresses normalised as Metrica wants them: trimmed and lower-case. */
public final class Emails {

    private static final Pattern PLAUSIBLE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private Emails() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim().toLowerCase(Locale.ROOT);
        return value.length() <= 254 && PLAUSIBLE.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}
