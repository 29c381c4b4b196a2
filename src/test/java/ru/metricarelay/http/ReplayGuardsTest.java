package ru.metricarelay.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.relay.InboundAuth;
import ru.metricarelay.support.TestConfigs;

/** POST /replay is refused without a secret and when nothing is kept (default test profile: sink=log). */
@QuarkusTest
class ReplayGuardsTest {

    @Test
    void withSinkLogThereIsNothingToReplay() {
        given().header("X-Relay-Secret", "relay-test-secret-B2").post("/replay").then()
                .statusCode(404).contentType(Problem.MEDIA_TYPE).body("detail", containsString("sink=log"));
    }

    @Test
    void theSecretIsCheckedBeforeAnythingElse() {
        given().post("/replay").then().statusCode(401).body("type", equalTo("tag:metrica-relay,2026:problem:unauthorized"));
    }

    @Test
    void withoutAConfiguredSecretReplayIsRefusedEvenInDryRun() {
        // no Quarkus needed: the relay runs without RELAY_SECRET (dry-run, or RELAY_ALLOW_UNAUTHENTICATED)
        var open = new TestConfigs.Relay(Optional.empty(), true, true, false);
        RelayProblem problem = assertThrows(RelayProblem.class, () -> resource(open).replay(null, 100, true, null));
        assertEquals(401, problem.status());
        assertTrue(problem.getMessage().contains("RELAY_SECRET"));

        var blank = new TestConfigs.Relay(Optional.of(List.of(" ")), false, true, false);
        assertThrows(RelayProblem.class, () -> resource(blank).replay("anything", 1, true, null));
    }

    /** The resource with only its guard: no replay behind it, so reaching it would fail the test. */
    private static ReplayResource resource(TestConfigs.Relay relay) {
        ReplayResource resource = new ReplayResource();
        resource.auth = new InboundAuth(relay);
        return resource;
    }
}
