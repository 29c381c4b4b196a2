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
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), true, false, false)).isEmpty());
        assertTrue(StartupCheck.problems(m, new Relay(Optional.empty(), false, true, false)).isEmpty(), "forced dry-run sends nothing");
        assertTrue(StartupCheck.problems(m, SECRET).isEmpty());
        assertFalse(StartupCheck.isDryRun(m, SECRET));
        assertTrue(StartupCheck.isDryRun(m, new Relay(Optional.of(List.of("s")), false, true, false)));
    }
}
