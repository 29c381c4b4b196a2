package ru.metricarelay.source;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Money;
import ru.metricarelay.event.Times;

/**
 * Typed values out of a sender's fields, shared by every adapter: each returns null for an absent
 * value and refuses a present but unusable one with a 422 naming the field. {@code label} is how
 * the field is named in the answer's detail ("'duration'", "leads[status][0][price]", ...).
 */
public final class Fields {

    private Fields() {
    }

    /** A value the event cannot do without: {@code value}, or a 422 naming the field and saying how to fix it. */
    public static String required(String value, String field, String fix) {
        if (value == null) {
            throw RelayProblem.unprocessable(field, fix);
        }
        return value;
    }

    /** The scalar of the named field (see {@link Json#text(JsonNode)}). */
    public static String text(JsonNode node, String name) {
        return Json.text(node.get(name));
    }

    /** The first of the named fields that holds a value. */
    public static String firstText(JsonNode node, String... names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A field found by one of several names: which name the sender used, and its value. */
    public record Named(String name, String value) {
    }

    /**
     * The first of {@code names} that holds a value, matched exactly or else ignoring case (senders
     * and their API docs spell the same parameter callerphone, callerPhone, CallerPhone); null when none does.
     */
    public static Named any(JsonNode node, List<String> names) {
        for (String name : names) {
            String value = text(node, name);
            if (value != null) {
                return new Named(name, value);
            }
        }
        for (String name : names) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
                String actual = it.next();
                if (actual.equalsIgnoreCase(name) && text(node, actual) != null) {
                    return new Named(actual, text(node, actual));
                }
            }
        }
        return null;
    }

    /** The value of {@link #any}, or null. */
    public static String anyText(JsonNode node, List<String> names) {
        Named found = any(node, names);
        return found == null ? null : found.value();
    }

    /** {@link #any} as whole seconds. */
    public static Integer seconds(JsonNode node, List<String> names) {
        Named found = any(node, names);
        return found == null ? null : seconds(found.value(), found.name(), "'" + found.name() + "'");
    }

    /** The named field as whole seconds (see {@link #seconds(String, String, String)}). */
    public static Integer seconds(JsonNode node, String name) {
        return seconds(text(node, name), name, "'" + name + "'");
    }

    /** The named field as a time (see {@link #time(String, ZoneId, String, String)}). */
    public static Instant time(JsonNode node, String name, ZoneId zone) {
        return time(text(node, name), zone, name, "'" + name + "'");
    }

    /**
     * A caller's identity as call trackers give it: the caller's phone (already normalized) and the visit's ClientId or
     * yclid, the yclid also from the landing page's yclid= parameter. Invalid values are dropped.
     */
    public static Identity caller(String phone, String clientId, String yclid, String landingUrl) {
        return Identity.builder().clientId(clientId).yclid(yclid).yclidFromUrl(landingUrl).normalizedPhone(phone).build();
    }

    /** A whole, non-negative number of seconds. */
    public static Integer seconds(String value, String field, String label) {
        if (value == null) {
            return null;
        }
        try {
            // a duration has a few digits: a long one is refused before BigDecimal parses it
            int seconds = value.length() > 20 ? -1 : new BigDecimal(value).intValueExact();
            if (seconds >= 0) {
                return seconds;
            }
        } catch (ArithmeticException | NumberFormatException notWhole) {
            // 422 below
        }
        throw RelayProblem.unprocessable(field, label + " is not a whole number of seconds");
    }

    /** A time in any form {@link Times} reads; local forms in {@code zone}. */
    public static Instant time(String value, ZoneId zone, String field, String label) {
        try {
            return Times.parse(value, zone);
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(field, label + " " + e.getMessage());
        }
    }

    /** An amount (see {@link Money#parse}). */
    public static BigDecimal money(String value, String field, String label) {
        try {
            return Money.parse(value);
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(field, label + " " + e.getMessage());
        }
    }

    /** An ISO 4217 code, upper-cased. */
    public static String currency(String value, String field, String label) {
        if (value == null) {
            return null;
        }
        try {
            return Currency.getInstance(value.toUpperCase(Locale.ROOT)).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw RelayProblem.unprocessable(field, label + " is not an ISO 4217 currency code");
        }
    }

    /** A sender's value inside a reason: short and harmless (no spaces, quotes or line breaks). */
    public static String slug(String value) {
        String safe = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_./-]", "_");
        return safe.length() > 40 ? safe.substring(0, 40) : safe;
    }
}
