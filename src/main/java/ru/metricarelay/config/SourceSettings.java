package ru.metricarelay.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.WithDefault;
import ru.metricarelay.event.Output;

/**
 * Routing settings every source has, under relay.sources.&lt;source&gt;.*; each adapter's own
 * {@code @ConfigMapping} extends this with its vendor-specific keys. Per-source defaults that differ
 * (output, target) are in application.properties, where a reader sees them side by side.
 */
public interface SourceSettings {

    /** Which Metrica record this source's events become. */
    @WithDefault("ORDER")
    Output output();

    /** Sender status → Metrica order status (PAID, IN_PROGRESS, CANCELLED, SPAM or your own mapped id). */
    Map<String, String> statusMap();

    /** Status for values not in status-map; IGNORE drops such events with reason status_not_mapped. */
    @WithDefault("IN_PROGRESS")
    String defaultStatus();

    /** Revenue and cost are sent only for these Metrica statuses (docs/architecture.md#status-mapping: revenue only for PAID). */
    @WithDefault("PAID")
    List<String> revenueStatuses();

    /** Extra JS-goal ids per Metrica status, e.g. relay.sources.amocrm.goals.PAID=deal_won. */
    Map<String, List<String>> goals();

    /** Target (JS-goal id) of CONVERSION records. */
    @WithDefault("relay_conversion")
    String target();

    /** Currency when the sender gives none (ISO 4217). */
    @WithDefault("RUB")
    String currency();

    /** Account part of event ids when the payload names none (generic senders). */
    @WithDefault("default")
    String account();

    /** ChatPlatform of CHAT records: whatsapp, telegram or viber. */
    Optional<String> chatPlatform();

    /** Zone of the sender's local date-times (e.g. Europe/Samara); unset = the counter's zone (METRICA_TIMEZONE). */
    Optional<String> timeZone();
}
