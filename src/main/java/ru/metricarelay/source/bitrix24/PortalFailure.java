package ru.metricarelay.source.bitrix24;

import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A portal call that gave no record: Bitrix24's HTTP status and error code
 * ({"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}), a timeout or a network
 * failure. Its message is safe to log and to answer: it never holds the webhook URL.
 */
final class PortalFailure extends RuntimeException {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String method;
    final int status;
    final String code;
    final String description;
    final boolean retryable;

    private PortalFailure(String method, int status, String code, String description, boolean retryable) {
        super((status > 0 ? method + " answered HTTP " + status + (code.isEmpty() ? "" : " " + code) : method)
                + (description.isEmpty() ? "" : ": " + description), null, false, false);
        this.method = method;
        this.status = status;
        this.code = code;
        this.description = description;
        this.retryable = retryable;
    }

    /** What the REST client's exception mapper makes of a non-2xx answer; classified by {@link #of}. */
    static final class HttpError extends RuntimeException {
        final int status;
        final String body;

        HttpError(int status, String body) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    /**
     * Bitrix24 has no such record (deleted since the event, or another portal's id): HTTP 400
     * {"error":"","error_description":"Not found"}. Not "Method not found", which is a wrong rest-url.
     */
    boolean notFound() {
        return (status == 400 || status == 404)
                && (code.equalsIgnoreCase("NOT_FOUND") || description.equalsIgnoreCase("Not found"));
    }

    static PortalFailure timeout(String method) {
        return new PortalFailure(method, 0, "", "no answer in time", true);
    }

    /** A 200 whose body is not {"result":{...}}. */
    static PortalFailure unexpected(String method, String what) {
        return new PortalFailure(method, 200, "", what, false);
    }

    /** Any failure of one call. Server errors, QUERY_LIMIT_EXCEEDED, timeouts and network errors may be retried. */
    static PortalFailure of(String method, Throwable failure) {
        Throwable f = unwrap(failure);
        if (f instanceof PortalFailure known) {
            return known;
        }
        if (f instanceof HttpError http) {
            String code = "";
            String description = "";
            try {
                JsonNode body = JSON.readTree(http.body);
                code = clip(body.path("error").asText(""));
                description = clip(body.path("error_description").asText(""));
            } catch (Exception notJson) {
                description = "(not a Bitrix24 error body)";
            }
            boolean retryable = http.status >= 500 || http.status == 429 || code.equals("QUERY_LIMIT_EXCEEDED");
            return new PortalFailure(method, http.status, code, description, retryable);
        }
        if (f instanceof TimeoutException || f.getClass().getSimpleName().contains("Timeout")) {
            return timeout(method);
        }
        // connection refused or reset, TLS, DNS: only the exception's kind — its message may hold the URL
        return new PortalFailure(method, 0, "", "cannot reach the portal (" + f.getClass().getSimpleName() + ")", true);
    }

    private static Throwable unwrap(Throwable f) {
        Throwable t = f;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException
                || t instanceof jakarta.ws.rs.ProcessingException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The portal's own words, printable and short. */
    private static String clip(String s) {
        String printable = s.replaceAll("[\\p{Cntrl}]", " ").trim();
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
