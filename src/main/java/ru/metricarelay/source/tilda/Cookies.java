package ru.metricarelay.source.tilda;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The visitor's document.cookie as Tilda sends it in the COOKIES field ("a=1; b=2"), docs/sources/tilda.md:
 * split on ';', then at the first '='. Values stay raw: some are percent-encoded again by the site
 * (previousUrl=shop.example.ru%2F), and only the ones the relay uses are decoded, one level.
 */
record Cookies(List<Cookie> cookies) {

    record Cookie(String name, String rawValue) {
    }

    static final Cookies NONE = new Cookies(List.of());

    static Cookies parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        String text = header;
        // a sender that encoded the value once more: "_ym_uid%3D167...%3B+_ym_d%3D..." has no '=' left
        if (text.indexOf('=') < 0 && text.toLowerCase(Locale.ROOT).contains("%3d")) {
            text = decode(text);
        }
        List<Cookie> cookies = new ArrayList<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue; // "flag" or "=x": no name, nothing we could ask for
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (!name.isEmpty()) {
                cookies.add(new Cookie(name, value));
            }
        }
        return new Cookies(List.copyOf(cookies));
    }

    /** Decoded values of every cookie called {@code name} (ignoring case), in order: a site may set one per domain level. */
    List<String> values(String name) {
        return cookies.stream().filter(c -> c.name().equalsIgnoreCase(name.trim())).map(c -> decode(c.rawValue())).toList();
    }

    /** Decoded values that mention a yclid, for the landing-URL fallback. */
    List<String> valuesMentioningYclid() {
        return cookies.stream().map(c -> decode(c.rawValue())).filter(v -> v.contains("yclid=")).toList();
    }

    /** One level of percent-decoding; a stray '%' keeps the value as it was. */
    static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return value;
        }
    }
}
