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

    @Test
    void provisionAndUploadsChangeAndShowNothing() {
        given().header("X-Relay-Secret", SECRET).post("/admin/provision").then().statusCode(200)
                .body("ok", equalTo(false)).body("checks[0].detail", containsString("dry-run mode"));
        given().header("X-Relay-Secret", SECRET).get("/admin/uploads").then().statusCode(200)
                .body("errors[0].detail", containsString("dry-run mode"));
        given().get("/admin/doctor").then().statusCode(401);
    }
}
