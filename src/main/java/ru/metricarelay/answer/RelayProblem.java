package ru.metricarelay.answer;

import java.util.List;

/**
 * A request we answer with an RFC 9457 problem. Created through the factory methods, one per status
 * of docs/architecture.md#answers; carries no stack trace (it is an answer, not a bug).
 */
public final class RelayProblem extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final String field;
    private final List<Result> results;

    private RelayProblem(int status, String slug, String title, String detail, String field, List<Result> results) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
        this.results = results;
    }

    public static RelayProblem badRequest(String detail) {
        return new RelayProblem(400, "unreadable-body", "Unreadable body", detail, null, null);
    }

    public static RelayProblem unauthorized(String detail) {
        return new RelayProblem(401, "unauthorized", "Unauthorized", detail, null, null);
    }

    public static RelayProblem notFound(String detail) {
        return new RelayProblem(404, "not-found", "Not found", detail, null, null);
    }

    public static RelayProblem methodNotAllowed(String detail) {
        return new RelayProblem(405, "method-not-allowed", "Method not allowed", detail, null, null);
    }

    public static RelayProblem tooLarge(String detail) {
        return new RelayProblem(413, "too-large", "Payload too large", detail, null, null);
    }

    public static RelayProblem unsupportedMediaType(String detail) {
        return new RelayProblem(415, "unsupported-media-type", "Unsupported media type", detail, null, null);
    }

    /** Readable but not acceptable for this source; {@code field} says which input. */
    public static RelayProblem unprocessable(String field, String detail) {
        return new RelayProblem(422, "invalid-field", "Invalid webhook for this source", detail, field, null);
    }

    public static RelayProblem metricaRejected(String detail, List<Result> results) {
        return new RelayProblem(502, "metrica-rejected", "Metrica rejected the record", detail, null, results);
    }

    public static RelayProblem metricaUnavailable(String detail, List<Result> results) {
        return new RelayProblem(503, "metrica-unavailable", "Metrica unavailable, retry later", detail, null, results);
    }

    /**
     * The sender's own API failed to give what its webhook refers to (Bitrix24 sends only a deal id;
     * the deal is read from the portal). Not Metrica's fault, so not metricaUnavailable.
     */
    public static RelayProblem sourceUnavailable(String detail) {
        return new RelayProblem(503, "source-unavailable", "Sender's API unavailable, retry later", detail, null, null);
    }

    /** Queued delivery could not store the webhook durably (disk, SQS): nothing was kept, the sender should retry. */
    public static RelayProblem queueUnavailable(String detail) {
        return new RelayProblem(503, "queue-unavailable", "Queue unavailable, retry later", detail, null, null);
    }

    public int status() {
        return status;
    }

    /** Every event's fate, on a 502 or 503 (null otherwise). */
    public List<Result> results() {
        return results;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, field, results);
    }
}
