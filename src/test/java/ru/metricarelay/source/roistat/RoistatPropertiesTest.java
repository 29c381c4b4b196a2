package ru.metricarelay.source.roistat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import ru.metricarelay.inbound.BodyReader;
import ru.metricarelay.inbound.InboundRequest;
import ru.metricarelay.support.Fuzz;

/**
 * Mutated call-tracking JSON and mutated CRM lead queries (with the test config's valid token
 * appended, so the lead parser is reached): items or a 4xx problem, never another exception.
 */
@QuarkusTest
class RoistatPropertiesTest {

    static final String TOKEN = DigestUtils.md5Hex("roistat-test-login" + "roistat-test-password");
    static final String LEAD = "action=lead&id=90&visit=12852&name=%D0%98%D1%80%D0%B8%D0%BD%D0%B0&phone=%2B79990001122"
            + "&email=client%40example.com&data=%7B%22page%22%3A%22https%3A%2F%2Fshop.example.ru%2F%3Fyclid%3D3851790612345678911"
            + "%22%2C%22roistat_param_1%22%3A%221674202831464027743%22%7D&created_date=2025-05-27+11%3A03%3A11&user=manager";

    @Inject
    BodyReader bodies;
    @Inject
    RoistatAdapter adapter;

    void post(String json) {
        InboundRequest request = bodies.read("roistat", "POST", Map.of("content-type", "application/json"), null,
                json.getBytes(StandardCharsets.UTF_8));
        adapter.authenticate(request);
        adapter.read(request).await().indefinitely();
    }

    void get(String query) {
        InboundRequest request = bodies.read("roistat", "GET", Map.of(), query, new byte[0]);
        adapter.authenticate(request);
        adapter.read(request).await().indefinitely();
    }

    @Test
    void mutatedCallsParseOrAreProblems() throws IOException {
        String sample = new String(getClass().getResourceAsStream(
                "/payloads/roistat/calltracking_webhook_on_call_docs.json").readAllBytes(), StandardCharsets.UTF_8);
        Fuzz.onlyProblems(Fuzz.mutations(sample, 41, 400), this::post);
    }

    @Test
    void mutatedLeadsWithAValidTokenParseOrAreProblems() {
        Fuzz.onlyProblems(Fuzz.mutations(LEAD, 42, 400).stream().map(q -> q + "&token=" + TOKEN).toList(), this::get);
    }

    @Test
    void randomLeadDataParsesOrIsAProblem() {
        Fuzz.onlyProblems(Fuzz.strings(43, 300, "{}[]\":,%0123456789 pageyclid=&?", 60).stream()
                .map(d -> "action=lead&id=1&data=" + d + "&created_date=" + d + "&token=" + TOKEN).toList(), this::get);
    }

    @Test
    void randomCallFieldValuesParseOrAreProblems() {
        // each key draws its own value, valid or junk, so every field is reached with junk while the others pass
        java.util.List<String> values = new java.util.ArrayList<>(Fuzz.strings(44, 200, "0123456789-:. abcANSWER?=&/", 24));
        values.addAll(java.util.List.of("313", "2025-05-27 14:03:11", "196", "187", "0", "ANSWER", "79990001122",
                "1674202831464027743", "99999999999", "-5", "1.5", "test.com/new?yclid=3851790612345678911"));
        java.util.Random random = new java.util.Random(45);
        String[] keys = {"id", "caller", "date", "status", "duration", "answer_duration", "landing_page",
                "roistat_param_1", "yclid", "marker"};
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder body = new StringBuilder("{\"callee\":\"78005552233\"");
            for (String key : keys) {
                if (random.nextInt(5) > 0) {
                    String value = values.get(random.nextInt(values.size()));
                    body.append(",\"").append(key).append("\":").append(random.nextBoolean() && value.matches("-?\\d+")
                            ? value : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
                }
            }
            bodies.add(body.append('}').toString());
        }
        Fuzz.onlyProblems(bodies, this::post);
    }
}
