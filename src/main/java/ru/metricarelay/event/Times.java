package ru.metricarelay.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Times as senders write them: unix seconds or milliseconds, ISO-8601 with an offset, or a local
 * date-time ("2025-05-27 14:06:20", "27.05.2025 14:03", "27/05/2025 14:03:11") in a given zone.
 */
public final class Times {

    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS][.SS][.S]"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]"),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"),
            DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm[:ss]"),
            DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss]"));

    private Times() {
    }

    /** @throws IllegalArgumentException with a message fit for a 422 detail */
    public static Instant parse(String raw, ZoneId localZone) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        if (s.matches("\\d{9,10}(\\.\\d+)?")) {
            return Instant.ofEpochSecond(Long.parseLong(s.split("\\.")[0]));
        }
        if (s.matches("\\d{13}")) {
            return Instant.ofEpochMilli(Long.parseLong(s));
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOffset) {
            // try the local forms below
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).atZone(localZone).toInstant();
            } catch (DateTimeParseException next) {
                // next format
            }
        }
        try {
            return LocalDate.parse(s).atStartOfDay(localZone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("is not a date-time (unix seconds, ISO-8601 or yyyy-MM-dd HH:mm:ss)");
        }
    }
}
