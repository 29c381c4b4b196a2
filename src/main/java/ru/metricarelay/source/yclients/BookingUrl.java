package ru.metricarelay.source.yclients;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page a booking was made from ({@code from_url}): a site that passes the visitor's ClientId to the YCLIENTS
 * widget leaves it there as a parameter (…?_ym_uid=1674…, inferred). Only parameters of the query or fragment are
 * read; a value that is not a ClientId is dropped later by the identity builder.
 */
final class BookingUrl {

    /** name=value pairs after '?', '#', '&' or ';'; names are short, so a long run of text is never a name. */
    private static final Pattern PARAM = Pattern.compile("[?&#;]([^=&#;?]{1,40})=([^&#;]*)");

    private BookingUrl() {
    }

    /** Values of the parameters {@code wanted} accepts by name (decoded once), in order. */
    static List<String> values(String url, Predicate<String> wanted) {
        List<String> out = new ArrayList<>();
        if (url == null) {
            return out;
        }
        Matcher m = PARAM.matcher(url);
        while (m.find()) {
            if (wanted.test(decode(m.group(1)))) {
                out.add(decode(m.group(2)));
            }
        }
        return out;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
            return text;
        }
    }
}
