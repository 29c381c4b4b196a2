package ru.metricarelay.support;

import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;

/** Plain implementations of the config interfaces, for unit tests that need no Quarkus boot. */
public final class TestConfigs {

    private TestConfigs() {
    }

    public record Metrica(Optional<String> token, Optional<Long> counterId) implements MetricaConfig {
        public String apiUrl() {
            return "https://api-metrika.yandex.net";
        }

        public ZoneId timezone() {
            return ZoneId.of("Europe/Moscow");
        }
    }

    public record Relay(Optional<List<String>> secret, boolean allowUnauthenticated, boolean dryRun, boolean hashPii)
            implements RelayConfig {
        public static Relay defaults() {
            return new Relay(Optional.empty(), false, false, false);
        }

        public Duration deadline() {
            return Duration.ofSeconds(4);
        }

        public Delivery delivery() {
            return Delivery.DIRECT;
        }


        public MemorySize maxBodySize() {
            return new MemorySize(BigInteger.valueOf(262144));
        }

        public int maxFormFields() {
            return 5000;
        }

        public Deliveries deliveries() {
            return new Deliveries() {
                public int keep() {
                    return 20;
                }

                public MemorySize maxBody() {
                    return new MemorySize(BigInteger.valueOf(4096));
                }
            };
        }

        public LogFormat logFormat() {
            return LogFormat.TEXT;
        }
    }
}
