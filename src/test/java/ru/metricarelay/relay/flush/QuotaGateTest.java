package ru.metricarelay.relay.flush;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How long a quota answer keeps flushes from calling Metrica. */
class QuotaGateTest {

    static final Instant NOW = Instant.parse("2025-06-01T21:30:00Z"); // 00:30 in Moscow: already the next day there

    @Test
    void withoutRetryAfterTheDailyQuotaResetsAtMidnightGmt() {
        QuotaGate gate = new QuotaGate(Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(Instant.parse("2025-06-02T00:00:00Z"), gate.block(Optional.empty(), "quota").until());
        assertTrue(gate.blocked().isPresent());
    }

    @Test
    void retryAfterWins() {
        QuotaGate gate = new QuotaGate(Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(NOW.plusSeconds(90), gate.block(Optional.of(Duration.ofSeconds(90)), "quota").until());
    }

    @Test
    void theBlockEndsOnItsOwn() {
        QuotaGate gate = new QuotaGate(Clock.offset(Clock.systemUTC(), Duration.ZERO));
        gate.block(Optional.of(Duration.ZERO), "quota");
        assertTrue(gate.blocked().isEmpty());
        assertEquals(Instant.parse("2025-06-02T00:00:00Z"), QuotaGate.nextMidnightUtc(Instant.parse("2025-06-01T00:00:00Z")));
    }
}
