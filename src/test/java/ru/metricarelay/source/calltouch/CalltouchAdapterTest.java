package ru.metricarelay.source.calltouch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.source.FormBody;
import ru.metricarelay.support.TestConfigs;

/** The Calltouch keys that change parsing: renamed fields, time format and zone, phases, answered statuses. */
class CalltouchAdapterTest {

    static CalltouchAdapter adapter(Map<String, String> properties) {
        CalltouchConfig config = new SmallRyeConfigBuilder().withMapping(CalltouchConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build()
                .getConfigMapping(CalltouchConfig.class);
        return new CalltouchAdapter(config, new TestConfigs.Metrica(Optional.empty(), Optional.empty()));
    }

    static DealEvent event(CalltouchAdapter adapter, String form) {
        return assertInstanceOf(DealEvent.class, adapter.item(FormBody.parse(form, 100)));
    }

    @Test
    void renamedFieldsTimeFormatAndZone() {
        CalltouchAdapter adapter = adapter(Map.of(
                "relay.sources.calltouch.fields.call-id", "ct_id",
                "relay.sources.calltouch.fields.client-id", "metrika_cid",
                "relay.sources.calltouch.time-format", "yyyy-MM-dd HH:mm:ss",
                "relay.sources.calltouch.time-zone", "Asia/Yekaterinburg"));
        DealEvent e = event(adapter, "ct_id=77&metrika_cid=1674202831464027743&yaClientId=1674202831464027999"
                + "&calltime=2025-05-27+16:03:11");
        assertEquals("calltouch:default:77", e.eventId());
        assertEquals("1674202831464027743", e.identity().clientId());
        assertEquals(Instant.parse("2025-05-27T11:03:11Z"), e.occurredAt()); // Yekaterinburg is UTC+5
    }

    @Test
    void unixTimesAreAcceptedWhateverTheFormat() {
        DealEvent e = event(adapter(Map.of()), "callId=1&calltime=1748343791");
        assertEquals(Instant.ofEpochSecond(1748343791), e.occurredAt());
    }

    @Test
    void onlyConfiguredPhasesBecomeCalls() {
        CalltouchAdapter adapter = adapter(Map.of("relay.sources.calltouch.phases", "calldisconnected"));
        assertEquals(new Skipped("calltouch:default:5", "calltouch", "call_phase:callconnected"),
                adapter.item(FormBody.parse("callId=5&callphase=callconnected", 100)));
        event(adapter, "callId=5&callphase=calldisconnected");
        event(adapter, "callId=5"); // no phase parameter: a call
    }

    @Test
    void answeredStatusesAndFlags() {
        CalltouchAdapter adapter = adapter(Map.of("relay.sources.calltouch.answered-statuses", "successful,answered"));
        assertEquals(false, event(adapter, "callId=1&status=answered").call().missed());
        assertEquals(false, event(adapter, "callId=1&status=true").call().missed());
        assertEquals(true, event(adapter, "callId=1&status=false").call().missed());
        assertEquals(true, event(adapter, "callId=1&status=busy").call().missed());
        assertEquals(null, event(adapter, "callId=1").call().missed());
    }

    @Test
    void badSettingsStopStartUp() {
        assertThrows(IllegalStateException.class, () -> adapter(Map.of("relay.sources.calltouch.time-zone", "Mars/Olympus")));
        assertThrows(IllegalStateException.class, () -> adapter(Map.of("relay.sources.calltouch.time-format", "dd/MM/yyyy HH:mm:ss {")));
    }
}
