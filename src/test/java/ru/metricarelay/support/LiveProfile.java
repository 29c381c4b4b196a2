package ru.metricarelay.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The relay with a token, talking to the loopback stand-in. A short deadline, read timeout and
 * breaker volume keep fault tests fast; the policy itself is the production one. The values differ
 * from the defaults on purpose: FaultToleranceTest observes each, proving the policy reads them
 * from configuration.
 */
public class LiveProfile implements QuarkusTestProfile {

    public static final String DEADLINE_MS = "3000";
    /** relay.metrica.retry.max-retries here; the default is 3. */
    public static final int MAX_RETRIES = 2;
    /** relay.metrica.read-timeout here; the default is 5 s. */
    public static final int READ_TIMEOUT_MS = 1000;
    /** relay.metrica.breaker.request-volume here; the default is 10. */
    public static final int BREAKER_VOLUME = 4;

    /** An own order status (not one of Metrica's four), so doctor and provision have a status map to check. */
    public static final String OWN_STATUS = "paid_online";
    /** A Marquiz quiz with a goal of its own (quiz-targets), so doctor and provision have a per-quiz goal to require. */
    public static final String QUIZ_GOAL = "marquiz_kitchen";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "relay.sources.generic.status-map." + OWN_STATUS, OWN_STATUS,
                "relay.setup.order-status-types." + OWN_STATUS, "PAID",
                "relay.sources.marquiz.quiz-targets.608fbced19933d0049b80662", QUIZ_GOAL,
                // a full metrica_failed line per event, so tests can find theirs; QuietOutageTest runs the default
                "relay.failed-events.log.interval", "0",
                "relay.dry-run", "false",
                "relay.deadline", DEADLINE_MS + "ms",
                "relay.metrica.retry.max-retries", Integer.toString(MAX_RETRIES),
                "relay.metrica.read-timeout", READ_TIMEOUT_MS + "ms",
                "relay.metrica.breaker.request-volume", Integer.toString(BREAKER_VOLUME));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MetricaStandIn.class));
    }
}
