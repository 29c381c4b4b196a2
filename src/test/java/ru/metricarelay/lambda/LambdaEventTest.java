package ru.metricarelay.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The Lambda build (-Plambda) answering real API Gateway HTTP API (v2) events, posted to Quarkus'
 * Lambda mock event server exactly as API Gateway would invoke the function.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "lambda-build", matches = "true")
class LambdaEventTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "relay-test-secret-A1";

    /** An API Gateway v2 event as AWS sends it (payload format 2.0). */
    static ObjectNode event(String method, String rawPath, Map<String, String> headers, String body, boolean base64) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", "");
        ObjectNode h = event.putObject("headers");
        headers.forEach(h::put);
        ObjectNode http = event.putObject("requestContext").put("accountId", "123456789012").put("apiId", "relay")
                .put("domainName", "relay.execute-api.eu-central-1.amazonaws.com").put("requestId", "req-1")
                .put("stage", "$default").put("timeEpoch", 1748600000000L)
                .putObject("http");
        http.put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1").put("sourceIp", "192.0.2.10")
                .put("userAgent", "amoCRM-Webhooks/3.0");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    /** Invokes the function with the event; returns API Gateway's view of the answer. */
    static JsonNode invoke(ObjectNode event) throws Exception {
        String answer = given().basePath("").contentType("application/json").body(event.toString())
                .post("/_lambda_").then().statusCode(200).extract().asString();
        return JSON.readTree(answer);
    }

    static JsonNode body(JsonNode answer) throws Exception {
        String text = answer.path("body").asText();
        if (answer.path("isBase64Encoded").asBoolean()) {
            text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        }
        return JSON.readTree(text);
    }

    @Test
    void acceptedWebhook() throws Exception {
        JsonNode answer = invoke(event("POST", "/hooks/generic",
                Map.of("content-type", "application/json", "x-relay-secret", SECRET),
                "{\"deal_id\":\"L-1\",\"client_id\":\"1674202831464027743\",\"status\":\"PAID\",\"revenue\":10,"
                        + "\"created_at\":1748500000}", false));
        assertEquals(200, answer.path("statusCode").asInt());
        JsonNode body = body(answer);
        assertEquals("generic:default:L-1", body.at("/results/0/event_id").asText());
        assertEquals("2025-05-29 09:26:40", body.at("/results/0/request/1/body/orders/0/create_date_time").asText());
    }

    @Test
    void wrongSecretIs401Problem() throws Exception {
        JsonNode answer = invoke(event("POST", "/hooks/generic/not-the-secret",
                Map.of("content-type", "application/json"), "{\"deal_id\":\"1\"}", false));
        assertEquals(401, answer.path("statusCode").asInt());
        assertTrue(answer.path("headers").toString().contains("application/problem+json"), answer.toString());
        assertEquals("/hooks/generic/***", body(answer).path("instance").asText());
        assertTrue(!answer.toString().contains("not-the-secret"), "the secret path segment was echoed");
    }

    @Test
    void oversizedBodyIs413Problem() throws Exception {
        String big = "{\"deal_id\":\"1\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
        JsonNode answer = invoke(event("POST", "/hooks/generic",
                Map.of("content-type", "application/json", "x-relay-secret", SECRET), big, false));
        assertEquals(413, answer.path("statusCode").asInt());
        assertEquals("tag:metrica-relay,2026:problem:too-large", body(answer).path("type").asText());
    }

    @Test
    void base64EncodedFormBody() throws Exception {
        String form = "deal_id=F-1&client_id=1674202831464027743&status=PAID&goals%5B0%5D=deal_won";
        JsonNode answer = invoke(event("POST", "/hooks/generic/" + SECRET,
                Map.of("content-type", "application/x-www-form-urlencoded"),
                Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)), true));
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        JsonNode body = body(answer);
        assertEquals("generic:default:F-1", body.at("/results/0/event_id").asText());
        assertEquals("deal_won", body.at("/results/0/request/1/body/orders/0/goals/0/goal_action_id").asText());
    }

    /** The event .github/workflows/native.yml invokes the native bootstrap with, in Lambda's provided.al2023 image. */
    @Test
    void theNativeWorkflowsEventIsAnswered() throws Exception {
        String event = new String(LambdaEventTest.class.getResourceAsStream("/lambda/generic-webhook-event.json").readAllBytes(),
                StandardCharsets.UTF_8);
        JsonNode answer = invoke((ObjectNode) JSON.readTree(event));
        assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
        assertEquals("generic:default:ci-1", body(answer).at("/results/0/event_id").asText());
    }

    @Test
    void healthWorksThroughTheLambdaToo() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().header("X-Relay-Secret", SECRET).contentType("application/json").body("{\"deal_id\":\"x\"}")
                .post("/hooks/generic").then().statusCode(200).body(containsString("no_identity"));
    }
}
