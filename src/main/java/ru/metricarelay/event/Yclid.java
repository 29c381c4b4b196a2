package ru.metricarelay.event;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Yandex Direct click id: an unsigned 64-bit decimal, from a yclid field or a landing URL's yclid= parameter. */
public final class Yclid {

    private static final Pattern IN_URL = Pattern.compile("(?:^|[?&#;])yclid=([^&#;]*)");

    private Yclid() {
    }

    public static Optional<String> parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        boolean valid = Digits.only(value, 1, 20) && Digits.fitUnsignedLong(value) && !value.chars().allMatch(c -> c == '0');
        return valid ? Optional.of(value) : Optional.empty();
    }

    /** The yclid parameter of a landing page URL (query or fragment), if it holds a valid yclid. */
    public static Optional<String> fromUrl(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String tail = url;
        try {
            URI uri = URI.create(url.trim());
            tail = (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        } catch (IllegalArgumentException notAUri) {
            // senders paste half-encoded URLs; scan the raw text instead
        }
        Matcher m = IN_URL.matcher(tail);
        while (m.find()) {
            Optional<String> found = parse(decode(m.group(1)));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return s;
        }
    }
}
