package ru.metricarelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.support.TestConfigs.Metrica;
import ru.metricarelay.support.TestConfigs.Relay;

/** SPEC §1: no token = dry-run; token needs a counter id and (unless allowed) a secret. */
class StartupCheckTest {

    static final Relay NO_SECRET = new Relay(Optional.empty(), false, false, false);
    static final Relay SECRET = new Relay(Optional.of(List.of("s1")), false, false, false);

    @Test
    void noTokenIsDryRunAndFine() {
        Metrica m = new Metrica(Optional.empty(), Optional.empty());
        assertTrue(StartupCheck.problems(m, NO_SECRET).isEmpty());
        assertEquals(DeliveryMode.DRY_RUN, DeliveryMode.of(m, NO_SECRET));
        assertEquals(DeliveryMode.DRY_RUN, DeliveryMode.of(new Metrica(Optional.of("  "), Optional.empty()), NO_SECRET));
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
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), true, false, false)).isEmpty());
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), false, true, false)).isEmpty(), "forced dry-run sends nothing");
        assertTrue(StartupCheck.problems(m, SECRET).isEmpty());
        assertEquals(DeliveryMode.DIRECT, DeliveryMode.of(m, SECRET));
        assertEquals(DeliveryMode.DRY_RUN, DeliveryMode.of(m, new Relay(Optional.of(List.of("s")), false, true, false)),
                "dry-run wins, whatever RELAY_DELIVERY says");
    }

    @Test
    void noSecretIsOneClearWarningThatAuthenticationIsOffAndItIsLogged() {
        List<String> warnings = StartupCheck.warnings(NO_SECRET);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("authentication is OFF"), warnings.get(0));
        assertTrue(StartupCheck.warnings(new Relay(Optional.of(List.of("a-long-random-secret-0123")), false, false, false)).isEmpty());
        assertTrue(StartupCheck.warnings(SECRET).get(0).contains("shorter than 16"), "s1 is short");

        List<String> logged = new java.util.ArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getLevel() + " " + record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(StartupCheck.class.getName());
        logger.addHandler(capture);
        try {
            new StartupCheck().onStart(null, new Metrica(Optional.empty(), Optional.empty()), NO_SECRET);
        } finally {
            logger.removeHandler(capture);
        }
        assertTrue(logged.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("authentication is OFF")), logged.toString());
    }
}
