package ru.metricarelay.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Relay-wide behaviour (docs/architecture.md#configuration). Per-source settings live under relay.sources.&lt;source&gt;. */
@ConfigMapping(prefix = "relay")
public interface RelayConfig {

    /**
     * Inbound shared secrets (RELAY_SECRET). Several may be valid at once, comma-separated, so a secret
     * can be rotated without downtime.
     */
    Optional<List<String>> secret();

    /** Allows running with a token but without RELAY_SECRET (for senders behind a private network). */
    @WithDefault("false")
    boolean allowUnauthenticated();

    /** Forces dry-run even with a token. */
    @WithDefault("false")
    boolean dryRun();

    /**
     * direct: every webhook calls Metrica; queued: webhooks are stored and a flush sends them in batches
     * (docs/architecture.md#queued-delivery). Dry-run wins over both ({@link DeliveryMode}).
     */
    @WithDefault("direct")
    Delivery delivery();

    enum Delivery { DIRECT, QUEUED }

    /** Overall time budget per inbound request; after it the sender gets 503 and retries later. */
    @WithDefault("4s")
    Duration deadline();

    /** Largest accepted webhook body. */
    @WithDefault("256K")
    io.quarkus.runtime.configuration.MemorySize maxBodySize();

    /** Send only md5 hashes of phones and e-mails to Metrica (phones_md5 / emails_md5). */
    @WithDefault("false")
    boolean hashPii();

    /** Log lines as text (the default) or JSON (RELAY_LOG_FORMAT=json); see {@link LogFormat}. */
    @WithDefault("text")
    LogFormat logFormat();

    enum LogFormat { TEXT, JSON }

    /** Most form fields in one body: amoCRM batches are wide but not this wide. */
    @WithDefault("5000")
    int maxFormFields();

    /** The last webhooks kept in memory per source for GET /admin/deliveries (masked). */
    Deliveries deliveries();

    interface Deliveries {
        /** Deliveries kept per source; 0 keeps none. Memory: sources × keep × max-body at most. */
        @WithDefault("20")
        int keep();

        /** Longest body (and query) kept per delivery; the rest is cut off. */
        @WithDefault("4K")
        io.quarkus.runtime.configuration.MemorySize maxBody();
    }
}
