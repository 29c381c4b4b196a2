package ru.metricarelay.source.roistat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;
import ru.metricarelay.support.TestConfigs;

/**
 * Mutated call-tracking JSON and mutated CRM lead queries (with a valid token appended, so the lead
 * parser is reached): well-formed items with deterministic ids, or a 4xx problem; never another exception.
 */
class RoistatParserPropertiesTest {

    static final String TOKEN = DigestUtils.md5Hex("roistat-test-login" + "roistat-test-password");
    static final String LEAD = "action=lead&id=90&visit=12852&name=%D0%98%D1%80%D0%B8%D0%BD%D0%B0&phone=%2B79990001122"
            + "&email=client%40example.com&data=%7B%22page%22%3A%22https%3A%2F%2Fshop.example.ru%2F%3Fyclid%3D3851790612345678911"
            + "%22%2C%22roistat_param_1%22%3A%221674202831464027743%22%7D&created_date=2025-05-27+11%3A03%3A11&user=manager";

    static final RoistatAdapter ADAPTER = new RoistatAdapter(Sources.config(RoistatConfig.class, "relay.sources.roistat",
            "login", "roistat-test-login", "password", "roistat-test-password"),
            new TestConfigs.Metrica(Optional.empty(), Optional.empty()));

    static List<SourceItem> post(String json) {
        return Sources.read(ADAPTER, Sources.request("roistat", "application/json", json));
    }

    static List<SourceItem> get(String query) {
        return Sources.read(ADAPTER, Sources.get("roistat", query));
    }

    @Test
    void mutatedCallsParseOrAreProblems() {
        String sample = Sources.resource("/payloads/roistat/calltracking_webhook_on_call_docs.json");
        assertTrue(Fuzz.events("roistat", Fuzz.mutations(sample, 41, 400), RoistatParserPropertiesTest::post).read() > 0);
    }

    @Test
    void mutatedLeadsWithAValidTokenParseOrAreProblems() {
        assertTrue(Fuzz.events("roistat", Fuzz.mutations(LEAD, 42, 400).stream().map(q -> q + "&token=" + TOKEN).toList(),
                RoistatParserPropertiesTest::get).read() > 100);
    }

    @Test
    void randomLeadDataParsesOrIsAProblem() {
        assertTrue(Fuzz.events("roistat", Fuzz.strings(43, 300, "{}[]\":,%0123456789 pageyclid=&?", 60).stream()
                .map(d -> "action=lead&id=1&data=" + d + "&created_date=" + d + "&token=" + TOKEN).toList(),
                RoistatParserPropertiesTest::get).read() > 10);
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
        assertTrue(Fuzz.events("roistat", bodies, RoistatParserPropertiesTest::post).read() > 5, "the generator must reach the parser");
    }
}
