package ru.metricarelay.metrica;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaStandIn;

/**
 * Each output kind (SPEC §4), end to end against the strict stand-in: the exact path, query,
 * Authorization header, multipart part and file name, CSV header and rows, JSON fields.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
@ExtendWith(Leaks.class)
class OutputsTest {

    static final String BASE = "/cdp/api/v1/counter/" + MetricaStandIn.COUNTER + "/data";
    static final String MGMT = "/management/v1/counter/" + MetricaStandIn.COUNTER + "/offline_conversions";
    static final String AUTH = "OAuth " + MetricaStandIn.TOKEN;

    @MetricaStandIn.Server
    WireMockServer metrica;

    @BeforeEach
    void reset() {
        MetricaStandIn.reset(metrica);
        io.smallrye.faulttolerance.api.CircuitBreakerMaintenance.get().resetAll();
    }

    static RequestSpecification hook() {
        return given().header("X-Relay-Secret", "relay-test-secret-A1").contentType("application/json");
    }

    void ok(String path, String body) {
        metrica.stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void orderUpsertsTheContactThenSavesTheOrder() {
        ok(BASE + "/contacts/json", MetricaStandIn.uploaded("cdp-contacts-1"));
        ok(BASE + "/orders/json", MetricaStandIn.uploaded("cdp-orders-1"));

        hook().body("""
                {"deal_id":"A-17","account":"shop","client_id":"1674202831464027743","phone":"+7 (999) 000-11-22",
                 "email":"Client@Example.com","status":"PAID","revenue":45000.50,"cost":30000,"currency":"rub",
                 "created_at":1748500000,"updated_at":1748600000,"goals":["deal_won"]}""")
                .post("/hooks/generic").then().statusCode(200)
                .body("dry_run", org.hamcrest.Matchers.equalTo(false))
                .body("results[0].action", org.hamcrest.Matchers.equalTo("ORDER"))
                .body("results[0].uploading_id", org.hamcrest.Matchers.equalTo("cdp-orders-1"))
                .body("results[0]", not(hasKey("request")));

        metrica.verify(1, postRequestedFor(urlEqualTo(BASE + "/contacts/json?merge_mode=UPDATE"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson("""
                        {"contacts":[{"uniq_id":"ym:1674202831464027743","client_ids":["1674202831464027743"],
                          "phones":["79990001122"],"emails":["client@example.com"]}]}""")));
        metrica.verify(1, postRequestedFor(urlEqualTo(BASE + "/orders/json?merge_mode=SAVE"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("""
                        {"orders":[{"id":"generic:shop:A-17","client_uniq_id":"ym:1674202831464027743",
                          "client_type":"CONTACT","order_status":"PAID","create_date_time":"2025-05-29 09:26:40",
                          "update_date_time":"2025-05-30 13:13:20","revenue":45000.50,"cost":30000,
                          "currency":"RUB","goals":[{"goal_action_id":"deal_won"}]}]}""")));
        var events = metrica.getAllServeEvents();
        assertEquals(2, events.size());
        // contacts first: orders only attach to known contacts
        assertTrue(events.get(1).getRequest().getUrl().contains("contacts"), "contacts were not sent first");
        String sent = events.get(0).getRequest().getBodyAsString();
        assertTrue(sent.contains("45000.50"), "revenue is not the exact decimal: " + sent);
    }

    @Test
    void aBatchOfTwoLeadsIsTwoOrdersInOneRequest() {
        ok(BASE + "/contacts/json", MetricaStandIn.uploaded("c"));
        ok(BASE + "/orders/json", MetricaStandIn.uploaded("o"));
        hook().body("""
                [{"deal_id":"1","client_id":"1674202831464027743","status":"PAID","revenue":"10","created_at":1748500000},
                 {"deal_id":"2","client_id":"1674202831464027744","status":"CANCELLED","created_at":1748500000}]""")
                .post("/hooks/generic").then().statusCode(200);
        metrica.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/orders/json")).withRequestBody(equalToJson("""
                {"orders":[
                  {"id":"generic:default:1","client_uniq_id":"ym:1674202831464027743","client_type":"CONTACT",
                   "order_status":"PAID","create_date_time":"2025-05-29 09:26:40","revenue":10,"currency":"RUB"},
                  {"id":"generic:default:2","client_uniq_id":"ym:1674202831464027744","client_type":"CONTACT",
                   "order_status":"CANCELLED","create_date_time":"2025-05-29 09:26:40","currency":"RUB"}]}""")));
        metrica.verify(1, postRequestedFor(urlPathEqualTo(BASE + "/contacts/json")));
    }

    @Test
    void simpleOrderIsAOneRowCsv() {
        ok(BASE + "/simple_orders", MetricaStandIn.uploaded("cdp-simple-1"));
        hook().body("""
                {"output":"SIMPLE_ORDER","deal_id":"A-18","account":"shop","client_id":"1674202831464027743",
                 "phone":"89990001122","email":"client@example.com","status":"PAID","revenue":"1 500,50",
                 "created_at":"2025-05-29T06:26:40Z","goals":"oplata_cash:200,filial_1"}""")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].uploading_id", org.hamcrest.Matchers.equalTo("cdp-simple-1"));
        metrica.verify(1, postRequestedFor(urlEqualTo(BASE + "/simple_orders?merge_mode=SAVE&delimiter_type=COMMA"))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("Content-Type", containing("multipart/form-data"))
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"simple_orders.csv\""))
                        .withBody(equalTo("""
                                id,create_date_time,client_uniq_id,client_ids,emails,phones,order_status,revenue,cost,goals,currency
                                generic:shop:A-18,2025-05-29 09:26:40,ym:1674202831464027743,1674202831464027743,client@example.com,79990001122,PAID,1500.50,,"oplata_cash:200,filial_1",RUB
                                """)).build()));
    }

    @Test
    void conversionByYclidIsAOneRowCsv() {
        ok(MGMT + "/upload", MetricaStandIn.uploaded(7001L));
        hook().body("{\"output\":\"CONVERSION\",\"landing_url\":\"https://shop.example.ru/?utm_source=yandex&yclid=3851790612345678911\","
                + "\"goals\":[\"form_sent\"],\"revenue\":990,\"updated_at\":1748600000}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("CONVERSION"))
                .body("results[0].uploading_id", org.hamcrest.Matchers.equalTo("7001"));
        metrica.verify(1, postRequestedFor(urlEqualTo(MGMT + "/upload?client_id_type=YCLID"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"conversions.csv\""))
                        .withBody(equalTo("Yclid,Target,DateTime,Price,Currency\n3851790612345678911,form_sent,1748600000,990,RUB\n"))
                        .build()));
    }

    @Test
    void conversionInTheFutureIsClampedToThePast() {
        ok(MGMT + "/upload", MetricaStandIn.uploaded(7002L));
        long before = System.currentTimeMillis() / 1000;
        hook().body("{\"output\":\"CONVERSION\",\"client_id\":\"1674202831464027743\",\"updated_at\":4102444800}")
                .post("/hooks/generic").then().statusCode(200); // the stand-in answers 400 to a future DateTime
        String csv = metrica.getAllServeEvents().get(0).getRequest().getPart("file").getBody().asString();
        long sent = Long.parseLong(csv.split("\n")[1].split(",")[2]);
        assertTrue(sent >= before - 2 && sent < System.currentTimeMillis() / 1000, "DateTime " + sent + " not clamped to now - 1 s");
    }

    @Test
    void callIsAOneRowCsv() {
        ok(MGMT + "/upload_calls", MetricaStandIn.uploaded(8001L));
        hook().body("""
                {"output":"CALL","deal_id":"call-1","client_id":"1674202831464027743","updated_at":1748600000,
                 "call":{"phone":"+7 999 000-11-22","talk_seconds":187,"hold_seconds":9,"missed":false,
                         "first_time":"true","tag":"brand","url":"https://shop.example.ru/catalog"}}""")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("CALL"));
        metrica.verify(1, postRequestedFor(urlEqualTo(MGMT + "/upload_calls"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"calls.csv\""))
                        .withBody(equalTo("ClientId,DateTime,PhoneNumber,TalkDuration,HoldDuration,CallMissed,FirstTimeCaller,Tag,URL\n"
                                + "1674202831464027743,1748600000,+79990001122,187,9,0,1,brand,https://shop.example.ru/catalog\n"))
                        .build()));
    }

    @Test
    void chatIsAOneRowCsv() {
        ok(MGMT + "/upload", MetricaStandIn.uploaded(9001L));
        hook().body("""
                {"output":"CHAT","deal_id":"chat-1","client_id":"1674202831464027743","updated_at":1748600000,
                 "chat":{"platform":"Telegram","user_id":"123456789","username":"irina_example"}}""")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("CHAT"));
        metrica.verify(1, postRequestedFor(urlEqualTo(MGMT + "/upload?type=CHATS"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBodyPart(aMultipart().withName("file")
                        .withHeader("Content-Disposition", containing("filename=\"chats.csv\""))
                        .withBody(equalTo("ClientId,DateTime,ChatPlatform,ChatUserID,ChatUsername,PhoneNumber\n"
                                + "1674202831464027743,1748600000,telegram,123456789,irina_example,\n"))
                        .build()));
    }

    @Test
    void contactIsOnlyAnUpsert() {
        ok(BASE + "/contacts/json", MetricaStandIn.uploaded("cdp-contacts-2"));
        hook().body("{\"output\":\"CONTACT\",\"deal_id\":\"c-1\",\"account\":\"shop\",\"contact_id\":\"37054081\","
                + "\"phone\":\"+7 999 000 11 22\",\"email\":\"client@example.com\"}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("CONTACT"))
                .body("results[0].uploading_id", org.hamcrest.Matchers.equalTo("cdp-contacts-2"));
        metrica.verify(1, postRequestedFor(urlEqualTo(BASE + "/contacts/json?merge_mode=UPDATE"))
                .withHeader("Authorization", equalTo(AUTH))
                .withRequestBody(equalToJson("""
                        {"contacts":[{"uniq_id":"generic:shop:contact:37054081","phones":["79990001122"],
                          "emails":["client@example.com"]}]}""")));
        assertEquals(1, metrica.getAllServeEvents().size());
    }

    @Test
    void ignoredEventsSendNothing() {
        hook().body("{\"deal_id\":\"x\",\"client_id\":\"87856\"}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("IGNORED"));
        assertEquals(0, metrica.getAllServeEvents().size());
    }

    @Test
    void aMalformedSuccessBodyStillCountsAsSent() {
        ok(MGMT + "/upload", "<html>ok</html>");
        hook().body("{\"output\":\"CONVERSION\",\"client_id\":\"1674202831464027743\",\"updated_at\":1748600000}")
                .post("/hooks/generic").then().statusCode(200)
                .body("results[0].action", org.hamcrest.Matchers.equalTo("CONVERSION"))
                .body("results[0]", not(hasKey("uploading_id")));
    }
}
