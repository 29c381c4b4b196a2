package ru.metricarelay.relay.flush;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Remembers that Metrica answered 420/429 to a flush, and until when no flush may call it
 * (docs/architecture.md#queued-delivery): Metrica's Retry-After when it sent one, else the daily quota's reset at
 * 00:00 GMT. Thread-safe.
 */
final class QuotaGate {

    record Block(Instant until, String detail) {
    }

    private final Clock clock;
    private volatile Block block;

    QuotaGate(Clock clock) {
        this.clock = clock;
    }

    /** The block in force now, if any. */
    Optional<Block> blocked() {
        Block b = block;
        return b != null && clock.instant().isBefore(b.until()) ? Optional.of(b) : Optional.empty();
    }

    Block block(Optional<Duration> retryAfter, String detail) {
        Instant now = clock.instant();
        Block b = new Block(retryAfter.map(now::plus).orElseGet(() -> nextMidnightUtc(now)), detail);
        block = b;
        return b;
    }

    /** Metrica's daily quota of requests per user resets at 00:00 GMT. */
    static Instant nextMidnightUtc(Instant now) {
        return now.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).plusDays(1).toInstant();
    }
}
