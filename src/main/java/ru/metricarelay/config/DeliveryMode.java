package ru.metricarelay.config;

/**
 * How this relay delivers, decided once at start-up (docs/architecture.md#queued-delivery) and injected wherever it
 * matters: {@code DRY_RUN} without METRICA_TOKEN or with RELAY_DRY_RUN=true (nothing is sent, nothing is stored, no
 * queue is opened: dry-run wins over queued), else {@code QUEUED} with RELAY_DELIVERY=queued, else {@code DIRECT}.
 */
public enum DeliveryMode {

    DRY_RUN, DIRECT, QUEUED;

    /** The one place the rule is written. */
    public static DeliveryMode of(MetricaConfig metrica, RelayConfig relay) {
        if (relay.dryRun() || metrica.token().filter(t -> !t.isBlank()).isEmpty()) {
            return DRY_RUN;
        }
        return relay.delivery() == RelayConfig.Delivery.QUEUED ? QUEUED : DIRECT;
    }

    public boolean dryRun() {
        return this == DRY_RUN;
    }

    public boolean queued() {
        return this == QUEUED;
    }
}
