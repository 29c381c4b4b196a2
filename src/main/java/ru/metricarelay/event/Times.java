package ru.metricarelay.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Times as senders write them: unix seconds or milliseconds, ISO-8601 with an offset, or a local
 * date-time ("2025-05-27 14:06:20", "27.05.2025 14:03", "27/05/2025 14:03:11") in a given zone.
 * The text's shape picks the one parser that can read it: trying parsers in turn costs an exception
 * (and its stack trace) per miss, on every webhook (found by bench/jmh).
 */
public final class Times {

    private static final Pattern UNIX = Pattern.compile("\\d{9,10}(\\.\\d+)?");
    private static final Pattern MILLIS = Pattern.compile("\\d{13}");
    private static final Pattern OFFSET = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2}(:\\d{2})?)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private record Local(Pattern shape, DateTimeFormatter format) {
        Local(String shape, String format) {
            this(Pattern.compile(shape), DateTimeFormatter.ofPattern(format));
        }
    }

    private static final List<Local> LOCAL = List.of(
            new Local("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?", "yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]"),
            new Local("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{3})?", "yyyy-MM-dd'T'HH:mm:ss[.SSS]"),
            new Local("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}", "yyyy-MM-dd HH:mm"),
            new Local("\\d{2}\\.\\d{2}\\.\\d{4} \\d{2}:\\d{2}(:\\d{2})?", "dd.MM.yyyy HH:mm[:ss]"),
            new Local("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}(:\\d{2})?", "dd/MM/yyyy HH:mm[:ss]"));

    private Times() {
    }

    /** @throws IllegalArgumentException with a message fit for a 422 detail */
    public static Instant parse(String raw, ZoneId localZone) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        try {
            boolean numeric = numeric(s);
            if (numeric && UNIX.matcher(s).matches()) {
                int dot = s.indexOf('.');
                return Instant.ofEpochSecond(Long.parseLong(dot < 0 ? s : s.substring(0, dot)));
            }
            if (numeric && MILLIS.matcher(s).matches()) {
                return Instant.ofEpochMilli(Long.parseLong(s));
            }
            if (s.length() > 16 && s.charAt(10) == 'T' && OFFSET.matcher(s).matches()) {
                return OffsetDateTime.parse(s).toInstant();
            }
            for (Local local : LOCAL) {
                if (local.shape().matcher(s).matches()) {
                    return LocalDateTime.parse(s, local.format()).atZone(localZone).toInstant();
                }
            }
            if (DATE.matcher(s).matches()) {
                return LocalDate.parse(s).atStartOfDay(localZone).toInstant();
            }
        } catch (DateTimeParseException impossible) {
            // the right shape, an impossible value (month 13, 25 o'clock): refused below
        }
        throw new IllegalArgumentException("is not a date-time (unix seconds, ISO-8601 or yyyy-MM-dd HH:mm:ss)");
    }

    /** Digits and dots only: the only texts the epoch shapes can match (a cheap gate before their patterns). */
    private static boolean numeric(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
