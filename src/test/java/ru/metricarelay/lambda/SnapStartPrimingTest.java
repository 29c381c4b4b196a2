package ru.metricarelay.lambda;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.metricarelay.source.SourceRegistry;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.LogRecords;
import ru.metricarelay.support.MetricaStandIn;

/**
 * The SnapStart priming hook, called directly as Lambda's CRaC context would (docs/performance.md#snapstart-priming),
 * in a relay that has a token and a strict loopback Metrica: it rehearses a webhook for every sender, sends nothing,
 * and leaves no trace in what operators see (deliveries, webhook and event counters, the log).
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
class SnapStartPrimingTest {

    static final String SECRET = "relay-test-secret-A1";

    @Inject
    SnapStartPriming priming;

    @Inject
    SourceRegistry sources;

    @Inject
    MeterRegistry registry;

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Test
    void beforeTheSnapshotEverySenderIsRehearsedAndNothingIsSentOrCounted() {
        MetricaStandIn.reset(metrica);
        String deliveriesBefore = deliveries();
        double webhooks = sum("relay.webhooks");
        double events = sum("relay.events");

        List<SnapStartPriming.Rehearsal> done;
        try (LogRecords log = LogRecords.start()) {
            done = priming.prime(Map.of("METRICA_TOKEN", MetricaStandIn.TOKEN)::get);
            List<LogRecords.Line> ours = log.lines().stream().filter(l -> l.logger().startsWith("ru.metricarelay")).toList();
            assertEquals(1, ours.size(), "only the priming's own summary line: " + ours);
            assertTrue(ours.get(0).message().startsWith("snapstart_priming webhooks=" + done.size()), ours.toString());
        }

        assertEquals(sources.names(), done.stream().map(SnapStartPriming.Rehearsal::source).collect(Collectors.toSet()),
                "one rehearsal per sender");
        for (SnapStartPriming.Rehearsal r : done) {
            assertEquals(200, r.status(), r + ": the sample must get through the sender's parser");
            assertTrue(r.results() >= 1, r + ": the sample must become at least one event");
        }
        assertEquals(List.of(), metrica.getAllServeEvents(), "nothing may reach Metrica");
        assertEquals(webhooks, sum("relay.webhooks"), "relay_webhooks_total counts senders' webhooks only");
        assertEquals(events, sum("relay.events"), "relay_events_total counts senders' events only");
        assertEquals(deliveriesBefore, deliveries(), "GET /admin/deliveries shows senders' webhooks only");
    }

    @Test
    void afterARestoreTheSecretsAreReadAgainAndAnotherTokenIsRefused() {
        Map<String, String> env = new HashMap<>(Map.of("METRICA_TOKEN", MetricaStandIn.TOKEN, "RELAY_SECRET", SECRET));
        priming.prime(env::get);
        priming.restored(env::get); // the same environment: the snapshot applies

        env.put("METRICA_TOKEN", "y0_another-token-4f1d");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> priming.restored(env::get));
        assertTrue(refused.getMessage().contains("METRICA_TOKEN"), refused.getMessage());
        assertFalse(refused.getMessage().contains("y0_"), "a token never appears in a message: " + refused.getMessage());
    }

    @Test
    void theSamplesNameEverySenderOnce() {
        List<String> named = PrimingWebhooks.load().stream().map(PrimingWebhooks.Sample::source).toList();
        assertEquals(Set.copyOf(named).size(), named.size(), "one sample per sender: " + named);
        assertEquals(sources.names(), Set.copyOf(named));
    }

    private double sum(String meter) {
        return registry.find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private String deliveries() {
        return given().header("X-Relay-Secret", SECRET).get("/admin/deliveries?limit=1000").then().statusCode(200)
                .extract().asString();
    }
}
