package ru.metricarelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

/** RELAY_LOG_FORMAT turns Quarkus' JSON console format on only when it says json; anything but text/json is refused. */
class LogFormatTest {

    static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(env, "env", 300))
                .withSources(new LogFormat()).build();
    }

    @Test
    void textByDefaultJsonWhenAsked() {
        assertEquals("false", config(Map.of()).getRawValue("quarkus.log.console.json.enabled"));
        assertEquals("false", config(Map.of("relay.log-format", "text")).getRawValue("quarkus.log.console.json.enabled"));
        assertEquals("true", config(Map.of("relay.log-format", "JSON")).getRawValue("quarkus.log.console.json.enabled"));
    }

    @Test
    void anythingElseIsRefusedWithTheVariableNamed() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> config(Map.of("relay.log-format", "xml")));
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertTrue(root.getMessage().contains("RELAY_LOG_FORMAT") && root.getMessage().contains("xml"), root.getMessage());
    }
}
