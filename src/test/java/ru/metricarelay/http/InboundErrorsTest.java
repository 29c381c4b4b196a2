package ru.metricarelay.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.support.Leaks;

/** Bad input gets a clear RFC 9457 problem (SPEC §5), never a stack trace or a 500. */
@QuarkusTest
@ExtendWith(Leaks.class)
class InboundErrorsTest {

    static final String SECRET = "relay-test-secret-A1";
    static final String OK_BODY = "{\"deal_id\":\"1\",\"client_id\":\"1674202831464027743\"}";

    static ValidatableResponse problem(ValidatableResponse r, int status, String typeSlug) {
        return r.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(status))
                .body("type", equalTo("tag:metrica-relay,2026:problem:" + typeSlug))
                .body("title", not(equalTo(null)))
                .body("detail", not(equalTo(null)))
                .body(not(containsString("\tat ")))
                .body(not(containsString("Exception")));
    }

    @Test
    void missingSecretIs401() {
        problem(given().contentType("application/json").body(OK_BODY).post("/hooks/generic").then(), 401, "unauthorized")
                .body("detail", containsString("X-Relay-Secret"));
    }

    @Test
    void wrongHeaderSecretIs401() {
        problem(given().header("X-Relay-Secret", "relay-test-secret-A").contentType("application/json").body(OK_BODY)
                .post("/hooks/generic").then(), 401, "unauthorized");
    }

    @Test
    void wrongPathSecretIs401AndIsNotEchoed() {
        problem(given().contentType("application/json").body(OK_BODY).post("/hooks/generic/guess-123").then(),
                401, "unauthorized")
                .body("instance", equalTo("/hooks/generic/***"))
                .body(not(containsString("guess-123")));
    }

    @Test
    void headerSecretPathSecretAndTheRotatedSecretAllWork() {
        given().header("X-Relay-Secret", SECRET).contentType("application/json").body(OK_BODY)
                .post("/hooks/generic").then().statusCode(200);
        given().contentType("application/json").body(OK_BODY)
                .post("/hooks/generic/" + SECRET).then().statusCode(200);
        given().header("X-Relay-Secret", "relay-test-secret-B2").contentType("application/json").body(OK_BODY)
                .post("/hooks/generic").then().statusCode(200);
    }

    @Test
    void unknownSourceIs404() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json").body(OK_BODY)
                .post("/hooks/salesforce").then(), 404, "not-found")
                .body("detail", containsString("salesforce"))
                .body("detail", containsString("generic"));
    }

    @Test
    void unknownPathIs404Problem() {
        problem(given().get("/nothing/here").then(), 404, "not-found");
    }

    @Test
    void brokenJsonIs400() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json").body("{\"deal_id\": \"1\",")
                .post("/hooks/generic").then(), 400, "unreadable-body")
                .body("detail", startsWith("the body is not valid JSON"));
    }

    @Test
    void jsonScalarIs400() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json").body("42")
                .post("/hooks/generic").then(), 400, "unreadable-body");
    }

    @Test
    void deeplyNestedJsonIs400() {
        String deep = "[".repeat(200) + "]".repeat(200);
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json").body(deep)
                .post("/hooks/generic").then(), 400, "unreadable-body")
                .body("detail", containsString("nests deeper"));
    }

    @Test
    void bodyOver256KiBIs413() {
        String big = "{\"deal_id\":\"1\",\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json").body(big)
                .post("/hooks/generic").then(), 413, "too-large")
                .body("detail", containsString("262144"));
    }

    @Test
    void textPlainIs415() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("text/plain").body("hello")
                .post("/hooks/generic").then(), 415, "unsupported-media-type")
                .body("detail", containsString("text/plain"));
    }

    @Test
    void invalidFieldIs422NamingTheField() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json")
                .body("{\"deal_id\":\"1\",\"client_id\":\"1674202831464027743\",\"revenue\":\"a lot\"}")
                .post("/hooks/generic").then(), 422, "invalid-field")
                .body("field", equalTo("/revenue"));
    }

    @Test
    void orderWithoutDealIdIs422() {
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/json")
                .body("{\"client_id\":\"1674202831464027743\"}")
                .post("/hooks/generic").then(), 422, "invalid-field")
                .body("field", equalTo("/deal_id"));
    }

    @Test
    void tooManyFormFieldsIs413() {
        String form = "a=1" + "&b=2".repeat(6000);
        problem(given().header("X-Relay-Secret", SECRET).contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .body(form).post("/hooks/generic").then(), 413, "too-large");
    }

    @Test
    void healthIsUpAndMetricsDoNotShowSecrets() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().contentType("application/json").body(OK_BODY).post("/hooks/generic/" + SECRET).then().statusCode(200);
        var metrics = given().get("/q/metrics").then().statusCode(200);
        if (System.getProperty("lambda-build") == null) { // the Lambda path has no Vert.x HTTP server metrics
            metrics.body(containsString("http_server_requests")).body(containsString("/hooks/{source}/{secret}"));
        }
    }
}
