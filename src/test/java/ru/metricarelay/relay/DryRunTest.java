package ru.metricarelay.relay;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;

/** Without a token nothing is sent; the answer shows exactly what would be (SPEC §1, §5). */
@QuarkusTest
@ExtendWith(Leaks.class)
class DryRunTest {

    static RequestSpecification hook() {
        return given().header("X-Relay-Secret", "relay-test-secret-A1").contentType("application/json");
    }

    @Test
    void orderShowsContactsUpsertThenOrderInCounterTimeZone() {
        hook().body("""
                {"deal_id":"A-17","account":"shop","client_id":"1674202831464027743","phone":"+7 (999) 000-11-22",
                 "email":"Client@Example.com","status":"PAID","revenue":45000.50,"currency":"rub",
                 "created_at":1748500000,"goals":["deal_won"]}""")
                .post("/hooks/generic").then().statusCode(200)
                .body("dry_run", equalTo(true))
                .body("results", hasSize(1))
                .body("results[0].event_id", equalTo("generic:shop:A-17"))
                .body("results[0].source", equalTo("generic"))
                .body("results[0].action", equalTo("ORDER"))
                .body("results[0].uploading_id", nullValue())
                .body("results[0].request", hasSize(2))
                .body("results[0].request[0].url", equalTo(
                        "https://api-metrika.yandex.net/cdp/api/v1/counter/91234567/data/contacts/json?merge_mode=UPDATE"))
                .body("results[0].request[0].body.contacts[0].uniq_id", equalTo("ym:1674202831464027743"))
                .body("results[0].request[0].body.contacts[0].client_ids", contains("1674202831464027743"))
                // personal data is masked in what we show, never in what we send
                .body("results[0].request[0].body.contacts[0].phones", contains("7999***1122"))
                .body("results[0].request[0].body.contacts[0].emails", contains("c***@example.com"))
                .body("results[0].request[1].url", equalTo(
                        "https://api-metrika.yandex.net/cdp/api/v1/counter/91234567/data/orders/json?merge_mode=SAVE"))
                .body("results[0].request[1].body.orders[0].id", equalTo("generic:shop:A-17"))
                .body("results[0].request[1].body.orders[0].client_type", equalTo("CONTACT"))
                .body("results[0].request[1].body.orders[0].order_status", equalTo("PAID"))
                .body("results[0].request[1].body.orders[0].create_date_time", equalTo("2025-05-29 09:26:40"))
                .body("results[0].request[1].body.orders[0].revenue", equalTo(45000.50f))
                .body("results[0].request[1].body.orders[0].currency", equalTo("RUB"))
                .body("results[0].request[1].body.orders[0].goals[0].goal_action_id", equalTo("deal_won"));
    }

    @Test
    void revenueIsDroppedUnlessPaid() {
        hook().body("{\"deal_id\":\"A-18\",\"client_id\":\"1674202831464027743\",\"status\":\"IN_PROGRESS\",\"revenue\":100}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].request[1].body.orders[0].order_status", equalTo("IN_PROGRESS"))
                .body("results[0].request[1].body.orders[0].revenue", nullValue());
    }

    @Test
    void noIdentityIsIgnoredNotAnError() {
        hook().body("{\"deal_id\":\"A-19\",\"client_id\":\"87856\",\"status\":\"PAID\"}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", equalTo("IGNORED"))
                .body("results[0].reason", equalTo("no_identity"))
                .body("results[0].request", nullValue());
    }

    @Test
    void clientIdAboveTwoToTheSixtyFourIsNotAClientId() {
        hook().body("{\"deal_id\":\"A-20\",\"client_id\":\"18446744073709551616\"}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].reason", equalTo("no_identity"));
    }

    @Test
    void aBatchIsOneRequestPerKind() {
        hook().body("""
                [{"deal_id":"1","client_id":"1674202831464027743","status":"PAID","revenue":"10"},
                 {"deal_id":"2","client_id":"1674202831464027744","status":"CANCELLED"},
                 {"deal_id":"3","client_id":"undefined"}]""")
                .post("/hooks/generic").then().statusCode(200)
                .body("results", hasSize(3))
                .body("results.action", contains("ORDER", "ORDER", "IGNORED"))
                .body("results[0].request", nullValue())
                .body("results[0].request_refs", contains(0, 1))
                .body("results[1].request_refs", contains(0, 1))
                .body("results[2].request_refs", nullValue())
                .body("requests", hasSize(2))
                .body("requests[1].body.orders.id", contains("generic:default:1", "generic:default:2"))
                .body("requests[1].body.orders.order_status", contains("PAID", "CANCELLED"));
    }

    @Test
    void conversionShowsTheCsvFile() {
        hook().body("{\"output\":\"CONVERSION\",\"client_id\":\"1674202831464027743\",\"goals\":\"form_sent\",\"updated_at\":1748600000}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", equalTo("CONVERSION"))
                .body("results[0].request[0].url", equalTo("https://api-metrika.yandex.net/management/v1/counter/91234567"
                        + "/offline_conversions/upload?client_id_type=CLIENT_ID"))
                .body("results[0].request[0].file.part", equalTo("file"))
                .body("results[0].request[0].file.filename", equalTo("conversions.csv"))
                .body("results[0].request[0].file.content", equalTo(
                        "ClientId,Target,DateTime,Price,Currency\n1674202831464027743,form_sent,1748600000,,\n"));
    }

    @Test
    void getWithQueryStringWorksForSendersThatUseGet() {
        given().queryParam("deal_id", "Q-1").queryParam("client_id", "1674202831464027743")
                .get("/hooks/generic/relay-test-secret-A1").then().statusCode(200)
                .body("results[0].event_id", equalTo("generic:default:Q-1"));
    }
}
