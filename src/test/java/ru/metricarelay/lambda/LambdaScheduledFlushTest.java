package ru.metricarelay.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import ru.metricarelay.support.MetricaStandIn;

/**
 * The Lambda build in queued mode, invoked with exactly the event infra/aws/template.yaml's schedule sends
 * (EventBridge Scheduler → FlushFunction): an API Gateway v2 event for POST /queue/flush with x-relay-secret.
 */
@QuarkusTest
@TestProfile(LambdaScheduledFlushTest.Queued.class)
@EnabledIfSystemProperty(named = "lambda-build", matches = "true")
class LambdaScheduledFlushTest {

    @MetricaStandIn.Server
    WireMockServer metrica;

    /** Queued mode with a token, talking to the loopback Metrica stand-in (the test profile is dry-run otherwise). */
    public static class Queued implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("relay.delivery", "queued", "relay.flush.interval", "0", "relay.dry-run", "false",
                    "relay.queue.path", "target/lambda-queue-test/" + System.nanoTime() + ".db");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(MetricaStandIn.class));
        }
    }

    /** The schedule's Input as CloudFormation renders it: the folded YAML joined by spaces, the secret resolved. */
    static String scheduleInput() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("infra/aws/template.yaml"));
        int from = lines.indexOf(lines.stream().filter(l -> l.trim().startsWith("Input: !Sub >-")).findFirst().orElseThrow()) + 1;
        StringBuilder input = new StringBuilder();
        for (int i = from; !lines.get(i).trim().startsWith("RetryPolicy:"); i++) {
            input.append(input.length() == 0 ? "" : " ").append(lines.get(i).trim());
        }
        return input.toString().replace("{{resolve:secretsmanager:${SecretName}:SecretString:RELAY_SECRET}}", LambdaEventTest.SECRET);
    }

    @Test
    void theScheduledEventFlushesWhatAWebhookQueued() throws Exception {
        MetricaStandIn.acceptCdpUploads(metrica, "u1");
        JsonNode queued = LambdaEventTest.invoke(LambdaEventTest.event("POST", "/hooks/generic",
                Map.of("content-type", "application/json", "x-relay-secret", LambdaEventTest.SECRET),
                "{\"deal_id\":\"LQ-1\",\"client_id\":\"1674202831464027743\",\"status\":\"PAID\",\"revenue\":10,"
                        + "\"created_at\":1748500000}", false));
        assertEquals(200, queued.path("statusCode").asInt(), queued.toString());
        ObjectNode event = (ObjectNode) LambdaEventTest.JSON.readTree(scheduleInput());
        JsonNode answer = LambdaEventTest.invoke(event);
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        JsonNode report = LambdaEventTest.body(answer);
        assertEquals(0, report.path("remaining").asInt(), report.toString());
        assertTrue(report.path("flushed_rows").asInt() >= 1, report.toString());
    }

    @Test
    void withoutTheSecretTheFlushIsRefused() throws Exception {
        ObjectNode event = (ObjectNode) LambdaEventTest.JSON.readTree(scheduleInput());
        ((ObjectNode) event.get("headers")).remove("x-relay-secret");
        assertEquals(401, LambdaEventTest.invoke(event).path("statusCode").asInt());
    }
}
