package ru.metricarelay.relay;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;

/**
 * A big batch in dry-run (docs/architecture.md#answers). Not in DryRunTest, which the Lambda build runs too: Quarkus'
 * Lambda mock event server stalls on answers above about 8 KB (quarkusio/quarkus#38502, #44551), a limit of that test
 * server, not of Lambda.
 */
@QuarkusTest
@ExtendWith(Leaks.class)
class DryRunBatchTest {

    /**
     * Issue #20, finding 11: a 400-lead amoCRM batch goes in one contacts and one orders request; every result used to
     * repeat both (44 MB for this 171 KB webhook). The requests are listed once and each result points at them.
     */
    @Test
    void dryRunAnswersAreLinearInTheBatch() throws Exception {
        int leads = 400;
        String form = amocrmBatch(leads);
        String answer = given().header("X-Relay-Secret", "relay-test-secret-A1")
                .contentType("application/x-www-form-urlencoded; charset=UTF-8").body(form)
                .post("/hooks/amocrm").then().statusCode(200).extract().asString();
        assertTrue(answer.length() < 10 * form.length(), "the answer to a " + form.length() + "-character batch has "
                + answer.length() + " characters");
        JsonNode json = new ObjectMapper().readTree(answer);
        JsonNode requests = json.get("requests");
        assertEquals(2, requests.size(), "one contacts and one orders request for the whole batch");
        assertEquals(leads, requests.get(1).path("body").path("orders").size());
        assertEquals(leads, json.get("results").size());
        for (int i = 0; i < leads; i++) {
            JsonNode result = json.get("results").get(i);
            String orderId = "amocrm:exampleshop:" + (41000000 + i);
            assertEquals(orderId, result.path("event_id").asText());
            assertFalse(result.has("request"), orderId + " repeats the batch's requests");
            StringBuilder carried = new StringBuilder();
            result.path("request_refs").forEach(ref -> carried.append(requests.get(ref.asInt())));
            assertEquals(2, result.path("request_refs").size(), orderId);
            assertEquals(1, carried.toString().split(Pattern.quote("\"" + orderId + "\""), -1).length - 1,
                    orderId + " is not carried exactly once by the requests its result points at");
        }
    }

    /** amoCRM's form body for {@code leads} won leads, each with its own _ym_uid, as one webhook. */
    static String amocrmBatch(int leads) {
        StringBuilder form = new StringBuilder("account%5Bsubdomain%5D=exampleshop&account%5Bid%5D=31234567");
        for (int i = 0; i < leads; i++) {
            String lead = "leads%5Bstatus%5D%5B" + i + "%5D";
            form.append('&').append(lead).append("%5Bid%5D=").append(41000000 + i)
                    .append('&').append(lead).append("%5Bstatus_id%5D=142")
                    .append('&').append(lead).append("%5Bprice%5D=1500")
                    .append('&').append(lead).append("%5Bdate_create%5D=1748500000")
                    .append('&').append(lead).append("%5Bcustom_fields%5D%5B0%5D%5Bid%5D=801001")
                    .append('&').append(lead).append("%5Bcustom_fields%5D%5B0%5D%5Bname%5D=_ym_uid")
                    .append('&').append(lead).append("%5Bcustom_fields%5D%5B0%5D%5Bvalues%5D%5B0%5D%5Bvalue%5D=")
                    .append(1674202831464000000L + i);
        }
        return form.toString();
    }
}
