package ru.metricarelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import org.junit.jupiter.api.Test;

/** SPEC §1: no token = dry-run; token needs a counter id and (unless allowed) a secret. */
class StartupCheckTest {

    record Metrica(Optional<String> token, Optional<Long> counterId) implements MetricaConfig {
        public String apiUrl() {
            return "https://api-metrika.yandex.net";
        }

        public ZoneId timezone() {
            return ZoneId.of("Europe/Moscow");
        }
    }

    record Relay(Optional<List<String>> secret, boolean allowUnauthenticated, boolean dryRun) implements RelayConfig {
        public Duration deadline() {
            return Duration.ofSeconds(4);
        }

        public MemorySize maxBodySize() {
            return new MemorySize(java.math.BigInteger.valueOf(262144));
        }

        public boolean hashPii() {
            return false;
        }

        public int maxFormFields() {
            return 5000;
        }
    }

    static final Relay NO_SECRET = new Relay(Optional.empty(), false, false);
    static final Relay SECRET = new Relay(Optional.of(List.of("s1")), false, false);

    @Test
    void noTokenIsDryRunAndFine() {
        Metrica m = new Metrica(Optional.empty(), Optional.empty());
        assertTrue(StartupCheck.problems(m, NO_SECRET).isEmpty());
        assertTrue(StartupCheck.isDryRun(m, NO_SECRET));
        assertTrue(StartupCheck.isDryRun(new Metrica(Optional.of("  "), Optional.empty()), NO_SECRET));
    }

    @Test
    void tokenWithoutCounterIsOneClearLine() {
        List<String> problems = StartupCheck.problems(new Metrica(Optional.of("t"), Optional.empty()), SECRET);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("METRICA_TOKEN is set but METRICA_COUNTER_ID is not"));
        assertFalse(problems.get(0).contains("t,") || problems.get(0).contains("=t"), "the token value must not be shown");
    }

    @Test
    void tokenWithoutSecretNeedsExplicitConsent() {
        Metrica m = new Metrica(Optional.of("t"), Optional.of(1L));
        assertEquals(1, StartupCheck.problems(m, NO_SECRET).size());
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), true, false)).isEmpty());
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), false, true)).isEmpty(), "forced dry-run sends nothing");
        assertTrue(StartupCheck.problems(m, SECRET).isEmpty());
        assertFalse(StartupCheck.isDryRun(m, SECRET));
        assertTrue(StartupCheck.isDryRun(m, new Relay(Optional.of(List.of("s")), false, true)));
    }
}
