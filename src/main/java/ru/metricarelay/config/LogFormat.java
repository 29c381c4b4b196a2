package ru.metricarelay.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * RELAY_LOG_FORMAT=text|json (relay.log-format) switches Quarkus' JSON console format on or off
 * (docs/architecture.md#logs). The JSON formatter is in the build but works only when asked for: text is
 * the default. Above application.properties, below the environment, like {@link RelayConfigFile}.
 */
public class LogFormat implements ConfigSourceFactory {

    static final String KEY = "relay.log-format";
    static final int ORDINAL = 260;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue value = context.getValue(KEY);
        String format = value == null || value.getValue() == null ? "text" : value.getValue().trim().toLowerCase(Locale.ROOT);
        if (!List.of("text", "json").contains(format)) {
            throw new IllegalArgumentException("RELAY_LOG_FORMAT (" + KEY + ") must be text or json, not " + value.getValue());
        }
        return List.of(new PropertiesConfigSource(Map.of("quarkus.log.console.json.enabled", Boolean.toString(format.equals("json"))),
                "relay-log-format", ORDINAL));
    }
}
