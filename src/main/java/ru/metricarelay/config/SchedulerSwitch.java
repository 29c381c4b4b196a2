package ru.metricarelay.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Runs Quarkus' scheduler only where something is scheduled: the timer flush of queued delivery
 * (docs/architecture.md#queued-delivery). In direct mode (the default) quarkus.scheduler.enabled is false, so start-up
 * pays for no scheduler thread. Below application.properties (250): an explicit setting there or in the env wins.
 */
public class SchedulerSwitch implements ConfigSourceFactory {

    static final int ORDINAL = 240;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue delivery = context.getValue("relay.delivery");
        boolean queued = delivery != null && delivery.getValue() != null && delivery.getValue().trim().equalsIgnoreCase("queued");
        // forced: the flush job is scheduled programmatically, and Quarkus starts its scheduler only for
        // @Scheduled methods unless told otherwise
        return List.of(new PropertiesConfigSource(Map.of("quarkus.scheduler.enabled", Boolean.toString(queued),
                "quarkus.scheduler.start-mode", "forced"), "relay-scheduler-switch", ORDINAL));
    }
}
