package ru.metricarelay.metrica;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Metrica answered with an HTTP error: its status, its error text and its Retry-After, if any. */
public class MetricaHttpException extends RuntimeException {

    private final int status;
    private final String body;
    private final Duration retryAfter;

    MetricaHttpException(int status, String body, Duration retryAfter) {
        super("Metrica answered HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.retryAfter = retryAfter;
    }

    /** Maps every Metrica client's error answer (HTTP 4xx/5xx): registered once, in {@link MetricaClients}. */
    public static final class Mapper implements ResponseExceptionMapper<MetricaHttpException> {
        @Override
        public MetricaHttpException toThrowable(Response response) {
            String body;
            try {
                body = response.hasEntity() ? response.readEntity(String.class) : "";
            } catch (RuntimeException unreadable) {
                body = "";
            }
            return new MetricaHttpException(response.getStatus(), body,
                    retryAfter(response.getHeaderString("Retry-After")).orElse(null));
        }
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3). */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public Optional<Duration> retryAfterHeader() {
        return Optional.ofNullable(retryAfter);
    }
}
