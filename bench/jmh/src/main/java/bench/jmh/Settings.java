package bench.jmh;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;

/**
 * The relay's configuration without Quarkus: a source's {@code @ConfigMapping} is built by SmallRye Config from
 * the shipped application.properties (profile keys such as %test.* left out), with the benchmark's own keys on
 * top; MetricaConfig is a plain record (the benchmark's token and counter), RelayConfig is built like the sources.
 */
final class Settings {

    /** The counter the fixtures name; UploadBuilder puts it into every request path. */
    static final long COUNTER = 91234567L;

    static final MetricaConfig METRICA = new Metrica(Optional.of("bench-token"), Optional.of(COUNTER));
    /** relay.*: as shipped (built like a source's mapping: a record here broke with every new key), plus a secret. */
    static final RelayConfig RELAY = source(RelayConfig.class, Map.of("secret", "bench-relay-secret"));

    private Settings() {
    }

    /** The mapping as shipped, with {@code keyValues} (keys below the mapping's prefix) on top. */
    static <T> T source(Class<T> type, Map<String, String> keyValues) {
        String prefix = type.getAnnotation(ConfigMapping.class).prefix() + ".";
        Properties shipped = new Properties();
        try (InputStream in = Settings.class.getResourceAsStream("/application.properties")) {
            shipped.load(Objects.requireNonNull(in, "the relay's application.properties is not on the class path"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> props = new HashMap<>();
        // keys under the prefix only: profile keys (%test.relay.sources...) start with '%' and stay out
        shipped.stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).forEach(k -> props.put(k, shipped.getProperty(k)));
        keyValues.forEach((k, v) -> props.put(prefix + k, v));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                // Quarkus' own converters, so "1500ms" and "256K" read as they do in the relay
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withMapping(type)
                .withValidateUnknown(false) // relay.* also holds relay.sources.*, not RelayConfig's
                .withSources(new PropertiesConfigSource(props, "bench", 500))
                .build();
        return config.getConfigMapping(type);
    }

    /** metrica.*: a token and counter as in production (the builder needs the counter id), the default zone. */
    record Metrica(Optional<String> token, Optional<Long> counterId) implements MetricaConfig {
        public String apiUrl() {
            return "https://api-metrika.yandex.net";
        }

        public ZoneId timezone() {
            return ZoneId.of("Europe/Moscow");
        }
    }
}
