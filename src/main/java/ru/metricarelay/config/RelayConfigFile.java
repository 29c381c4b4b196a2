package ru.metricarelay.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.source.yaml.YamlConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Loads the optional external file named by RELAY_CONFIG (docs/architecture.md#configuration): a .yaml/.yml or .properties file
 * with relay.sources.* settings. It sits above application.properties (250) and below env vars (300),
 * so an operator's file overrides the defaults and an env var still overrides the file.
 */
public class RelayConfigFile implements ConfigSourceFactory {

    static final int ORDINAL = 270;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue location = context.getValue("RELAY_CONFIG");
        if (location == null || location.getValue() == null || location.getValue().isBlank()) {
            return List.of();
        }
        Path path = Path.of(location.getValue().trim());
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("RELAY_CONFIG points at " + path + ", which is not a readable file");
        }
        try {
            URL url = path.toUri().toURL();
            String name = path.getFileName().toString().toLowerCase();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return List.of(new YamlConfigSource(url, ORDINAL));
            }
            return List.of(new PropertiesConfigSource(url, ORDINAL));
        } catch (IOException e) {
            throw new UncheckedIOException("RELAY_CONFIG " + path + " could not be read", e);
        }
    }
}
