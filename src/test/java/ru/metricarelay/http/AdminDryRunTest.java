package ru.metricarelay.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Without METRICA_TOKEN (the default test profile) the operator tools say plainly that there is nothing to check. */
@QuarkusTest
class AdminDryRunTest {

    static final String SECRET = "relay-test-secret-B2";

    @Test
    void doctorSaysDryRunPlainly() {
        given().header("X-Relay-Secret", SECRET).get("/admin/doctor").then().statusCode(200)
                .body("ok", equalTo(false)).body("checks", hasSize(1))
                .body("checks[0].name", equalTo("token")).body("checks[0].status", equalTo("fail"))
                .body("checks[0].detail", containsString("dry-run mode"))
                .body("checks[0].fix", containsString("METRICA_TOKEN"));
    }

    /** The operator page in dry-run: the banner, no queue, and no uploads to ask for — a note, not an error. */
    @Test
    void theOperatorPageSaysDryRunAndThatNothingIsStored() {
        given().auth().preemptive().basic("", SECRET).get("/admin/").then().statusCode(200).contentType("text/html")
                .body(containsString("id=\"dry-run\""), containsString("Dry-run, ничего не сохраняется"),
                        containsString("Dry-run: ничего не отправляется"), containsString("METRICA_TOKEN is not set"));
        given().auth().preemptive().basic("op", SECRET).header("Accept-Language", "de-DE, en;q=0.8, ru;q=0.5").get("/admin/")
                .then().statusCode(200).body(containsString("Dry-run, nothing stored"));
    }

    @Test
    void provisionAndUploadsChangeAndShowNothing() {
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(false)).body("checks[0].detail", containsString("dry-run mode"));
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads").then().statusCode(200)
                .body("errors[0].detail", containsString("dry-run mode"));
        given().get("/admin/doctor").then().statusCode(401);
    }
}
