package ru.metricarelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RELAY_CONFIG (SPEC §1): an operator's file overrides application.properties; env still overrides the file. */
class RelayConfigFileTest {

    @TempDir
    Path dir;

    SmallRyeConfig config(String relayConfig, Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("relay.sources.generic.target", "from_defaults",
                        "relay.sources.generic.output", "ORDER"), "application.properties", 250))
                .withSources(new PropertiesConfigSource(env, "env", 300))
                .withSources(new PropertiesConfigSource(Map.of("RELAY_CONFIG", relayConfig), "env-location", 300))
                .withSources(new RelayConfigFile())
                .build();
    }

    @Test
    void yamlFileOverridesDefaults() throws Exception {
        Path yaml = Files.writeString(dir.resolve("relay.yaml"), """
                relay:
                  sources:
                    generic:
                      target: from_yaml
                      status-map:
                        won: PAID
                """);
        SmallRyeConfig config = config(yaml.toString(), Map.of());
        assertEquals("from_yaml", config.getValue("relay.sources.generic.target", String.class));
        assertEquals("PAID", config.getValue("relay.sources.generic.status-map.won", String.class));
        assertEquals("ORDER", config.getValue("relay.sources.generic.output", String.class));
    }

    @Test
    void propertiesFileWorksAndEnvStillWins() throws Exception {
        Path props = Files.writeString(dir.resolve("relay.properties"),
                "relay.sources.generic.target=from_file\nrelay.sources.generic.output=CONVERSION\n");
        SmallRyeConfig config = config(props.toString(), Map.of("relay.sources.generic.output", "CALL"));
        assertEquals("from_file", config.getValue("relay.sources.generic.target", String.class));
        assertEquals("CALL", config.getValue("relay.sources.generic.output", String.class));
    }

    @Test
    void aMissingFileStopsStartUp() {
        assertThrows(IllegalStateException.class, () -> config(dir.resolve("nope.yaml").toString(), Map.of()));
    }
}
