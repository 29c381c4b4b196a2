package ru.metricarelay.metrica;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP call to Metrica, fully decided before it is made: the dry-run answer shows this very value
 * and {@link MetricaSender} sends it through the typed client, so what you see is what is sent.
 *
 * @param json body for JSON uploads (contacts, orders), else null
 * @param csv  the file part for multipart uploads, else null
 */
public record MetricaRequest(Kind kind, long counterId, Map<String, String> query, Object json, CsvFile csv) {

    /**
     * Metrica's upload endpoints ({@link MetricaPaths}, as the REST clients call them); each belongs to one API (and so
     * to one circuit breaker) and takes JSON (the CDP's contacts and orders) or a CSV file.
     */
    public enum Kind {
        CONTACTS(Api.CDP, MetricaPaths.CDP + MetricaPaths.CONTACTS, true),
        ORDERS(Api.CDP, MetricaPaths.CDP + MetricaPaths.ORDERS, true),
        SIMPLE_ORDERS(Api.CDP, MetricaPaths.CDP + MetricaPaths.SIMPLE_ORDERS, false),
        CONVERSIONS(Api.MANAGEMENT, MetricaPaths.OFFLINE + MetricaPaths.UPLOAD, false),
        CALLS(Api.MANAGEMENT, MetricaPaths.OFFLINE + MetricaPaths.UPLOAD_CALLS, false),
        CHATS(Api.MANAGEMENT, MetricaPaths.OFFLINE + MetricaPaths.UPLOAD, false);

        public final Api api;
        /** JSON body (else a CSV file): what decides an upload's row cap in a flush. */
        public final boolean json;
        private final String pathTemplate;

        Kind(Api api, String pathTemplate, boolean json) {
            this.api = api;
            this.pathTemplate = pathTemplate;
            this.json = json;
        }

        /** The path with the counter id in it ({counterId} kept when there is none: a dry-run without one). */
        public String path(long counterId) {
            return counterId == 0 ? pathTemplate : pathTemplate.replace(MetricaPaths.COUNTER_ID, Long.toString(counterId));
        }
    }

    /** Metrica's two APIs; each has its own circuit breaker, named here (metrics, CircuitBreakerMaintenance). */
    public enum Api {
        CDP("metrica-cdp"), MANAGEMENT("metrica-management");

        public final String breaker;

        Api(String breaker) {
            this.breaker = breaker;
        }
    }

    /** A multipart part named {@code file}. */
    public record CsvFile(String filename, String content) {
        public static final String PART = "file";
        public static final String CONTENT_TYPE = "text/csv";
    }

    public MetricaRequest {
        query = Map.copyOf(query);
    }

    public String path() {
        return kind.path(counterId);
    }

    /** How the request is shown in a dry-run answer (and in replay logs, which mask identities separately). */
    public Map<String, Object> view(String baseUrl) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("method", "POST");
        StringBuilder url = new StringBuilder(baseUrl.replaceAll("/+$", "")).append(path());
        String sep = "?";
        for (var q : new java.util.TreeMap<>(query).entrySet()) {
            url.append(sep).append(q.getKey()).append('=').append(q.getValue());
            sep = "&";
        }
        view.put("url", url.toString());
        if (json != null) {
            view.put("content_type", "application/json");
            view.put("body", json);
        } else {
            view.put("content_type", "multipart/form-data");
            view.put("file", Map.of("part", CsvFile.PART, "filename", csv.filename(),
                    "content_type", CsvFile.CONTENT_TYPE, "content", csv.content()));
        }
        return view;
    }
}
