package ru.metricarelay.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The relay with a token, talking to the loopback stand-in. A short deadline and a small breaker
 * volume keep fault tests fast; the policy itself is the production one.
 */
public class LiveProfile implements QuarkusTestProfile {

    public static final String DEADLINE_MS = "3000";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "relay.dry-run", "false",
                "relay.deadline", DEADLINE_MS + "ms",
                "quarkus.fault-tolerance.\"ru.metricarelay.metrica.ManagementService/send\".circuit-breaker.request-volume-threshold", "4",
                "quarkus.fault-tolerance.\"ru.metricarelay.metrica.CdpService/send\".circuit-breaker.request-volume-threshold", "4");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetricaStandIn.class));
    }
}
