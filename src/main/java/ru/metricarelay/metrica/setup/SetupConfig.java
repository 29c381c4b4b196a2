package ru.metricarelay.metrica.setup;

import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What provision needs beyond the sources' settings (relay.setup.*, docs/architecture.md#operator-tools). */
@ConfigMapping(prefix = "relay.setup")
public interface SetupConfig {

    /**
     * The Metrica type of each of your own order statuses (a status-map value that is not PAID,
     * IN_PROGRESS, CANCELLED or SPAM), e.g. relay.setup.order-status-types.paid_online=PAID. Statuses not
     * listed are mapped as {@link #defaultOrderStatusType()}.
     */
    Map<String, String> orderStatusTypes();

    /** Type of own order statuses not in order-status-types: IN_PROGRESS, PAID, CANCELLED or SPAM. */
    @WithDefault("IN_PROGRESS")
    String defaultOrderStatusType();
}
