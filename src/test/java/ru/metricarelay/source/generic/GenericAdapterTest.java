package ru.metricarelay.source.generic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.support.Sources;
import ru.metricarelay.support.TestConfigs;

/** relay.sources.generic.time-zone: local date-times without an offset are read in it; else in the counter's zone. */
class GenericAdapterTest {

    static final String BODY = "{\"deal_id\":\"A-1\",\"client_id\":\"1674202831464027743\",\"status\":\"PAID\","
            + "\"updated_at\":\"2025-05-30 13:13:20\",\"created_at\":\"2025-05-30T13:13:20+03:00\"}";

    static DealEvent read(String... keyValues) {
        GenericConfig config = Sources.config(GenericConfig.class, "relay.sources.generic", keyValues);
        GenericAdapter adapter = new GenericAdapter(config, new TestConfigs.Metrica(Optional.empty(), Optional.empty()));
        return assertInstanceOf(DealEvent.class, Sources.read(adapter, Sources.request("generic", "application/json", BODY)).get(0));
    }

    @Test
    void localTimesFollowTheSourcesZoneAndOffsetsWin() {
        DealEvent counterZone = read(); // the counter's zone, Europe/Moscow (UTC+3)
        DealEvent ownZone = read("time-zone", "Asia/Yekaterinburg"); // UTC+5
        assertEquals(Instant.parse("2025-05-30T10:13:20Z"), counterZone.occurredAt());
        assertEquals(Instant.parse("2025-05-30T08:13:20Z"), ownZone.occurredAt());
        assertEquals(Instant.parse("2025-05-30T10:13:20Z"), ownZone.createdAt(), "a time with an offset keeps it");
    }
}
