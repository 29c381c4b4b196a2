package ru.metricarelay.metrica;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import ru.metricarelay.event.Mask;

/** Reads Metrica's answers: error bodies into one line, failures into {@link MetricaFailure}s, uploading ids. */
final class MetricaErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 500;

    private MetricaErrors() {
    }

    /** Any failure of a call, as a {@link MetricaFailure}; the deadline rules are {@link CallPolicy}'s. */
    static MetricaFailure classify(Throwable failure) {
        Throwable f = unwrap(failure);
        if (f instanceof MetricaFailure known) {
            return known;
        }
        if (f instanceof MetricaHttpException http) {
            int status = http.status();
            String detail = "Metrica HTTP " + status + ": " + describe(http.body());
            if (status == 420 || status == 429) {
                return MetricaFailure.Transient.quota(detail, http.retryAfterHeader().orElse(null));
            }
            if (status >= 500) {
                return new MetricaFailure.Transient(detail, http.retryAfterHeader().orElse(null));
            }
            return new MetricaFailure.Rejected(status, detail);
        }
        if (f instanceof CircuitBreakerOpenException) {
            return new MetricaFailure.Unavailable("Metrica circuit breaker is open after repeated failures; retry later");
        }
        if (f instanceof BulkheadException) {
            return new MetricaFailure.Unavailable("too many Metrica calls in flight; retry later");
        }
        if (f instanceof TimeoutException || f.getClass().getSimpleName().contains("Timeout")) {
            return MetricaFailure.Transient.unanswered("Metrica did not answer in time");
        }
        // connection refused or reset, TLS, DNS ...: a network problem, worth a retry
        return new MetricaFailure.Transient("cannot reach Metrica: " + f.getClass().getSimpleName(), null);
    }

    /** How an attempt ended, for the requests metric: Metrica's HTTP status, "timeout" or "network". */
    static String statusLabel(Throwable failure) {
        Throwable f = unwrap(failure);
        if (f instanceof MetricaHttpException http) {
            return Integer.toString(http.status());
        }
        if (f instanceof MetricaFailure.Transient t && t.unanswered()
                || f instanceof TimeoutException || f.getClass().getSimpleName().contains("Timeout")) {
            return "timeout";
        }
        return f instanceof MetricaFailure ? "deadline" : "network";
    }

    private static Throwable unwrap(Throwable f) {
        Throwable t = f;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException
                || t.getClass().getName().equals("jakarta.ws.rs.ProcessingException"))
                && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Metrica's error body {"errors":[{"error_type","message"}],"code","message"} as one line, masked: Metrica
     * quotes the rejected value (a phone, an e-mail), and this line reaches answers, log lines, the failed-events
     * sink's reason and doctor's report. Masked here, once, so none of them can forget (docs/security.md).
     */
    static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        return clip(Mask.text(oneLine(body)));
    }

    private static String oneLine(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<String> parts = new ArrayList<>();
            for (JsonNode error : root.path("errors")) {
                String type = error.path("error_type").asText("");
                String message = error.path("message").asText("");
                parts.add(type.isEmpty() ? message : type + ": " + message);
            }
            if (parts.isEmpty() && root.hasNonNull("message")) {
                parts.add(root.get("message").asText());
            }
            if (!parts.isEmpty()) {
                return String.join("; ", parts);
            }
        } catch (Exception notJson) {
            // fall through: show the start of what Metrica sent
        }
        return body.strip();
    }

    /** The uploading id from a success body: CDP "uploading.uploading_id", management "uploading.id". */
    static String uploadingId(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode uploading = JSON.readTree(body).path("uploading");
            JsonNode id = uploading.hasNonNull("uploading_id") ? uploading.get("uploading_id") : uploading.get("id");
            return id == null || id.isNull() ? null : id.asText();
        } catch (Exception malformed) {
            return null;
        }
    }

    /** Masked before it is cut: a cut could leave half an e-mail that the mask no longer recognises. */
    private static String clip(String s) {
        String oneLine = s.replaceAll("[\\r\\n\\t]+", " ");
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "…";
    }
}
