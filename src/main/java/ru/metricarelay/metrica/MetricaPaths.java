package ru.metricarelay.metrica;

/**
 * Every Metrica path the relay calls, written once: the REST clients' {@code @Path}s are made of these constants, and
 * so are the upload kinds ({@link MetricaRequest.Kind}) that a dry-run answer shows (docs/architecture.md#outputs).
 */
final class MetricaPaths {

    /** The {@code @PathParam} every path carries. */
    static final String COUNTER_ID = "{counterId}";

    static final String CDP = "/cdp/api/v1/counter/" + COUNTER_ID;
    static final String CONTACTS = "/data/contacts/json";
    static final String ORDERS = "/data/orders/json";
    static final String SIMPLE_ORDERS = "/data/simple_orders";
    static final String ORDER_STATUSES = "/schema/order_statuses";
    static final String LAST_UPLOADINGS = "/last_uploadings";

    static final String COUNTER = "/management/v1/counter/" + COUNTER_ID;
    static final String GOALS = "/goals";

    static final String OFFLINE = COUNTER + "/offline_conversions";
    /** Offline conversions, and chats with ?type=CHATS. */
    static final String UPLOAD = "/upload";
    static final String UPLOAD_CALLS = "/upload_calls";

    private MetricaPaths() {
    }
}
