package ru.metricarelay.source.mango;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;

/**
 * Whatever json a correctly signed Mango form carries (mutated summaries, random text), and whatever
 * form arrives, the adapter yields well-formed items with deterministic ids, or a 4xx problem.
 */
class MangoParserPropertiesTest {

    static final String SUMMARY = "{\"entry_id\":\"MTAxNjk3NjQ1MjoxMjM=\",\"call_direction\":1,\"from\":{\"number\":\"79990001122\"},"
            + "\"to\":{\"extension\":\"101\",\"number\":\"74951234567\"},\"create_time\":1748343791,\"forward_time\":1748343793,"
            + "\"talk_time\":1748343800,\"end_time\":1748343987,\"entry_result\":1,\"disconnect_reason\":1110}";

    static final MangoAdapter ADAPTER = new MangoAdapter(Sources.config(MangoConfig.class, "relay.sources.mango",
            "api-key", "mango-test-key", "api-salt", "mango-test-salt"));

    static List<SourceItem> parse(String form, String subPath) {
        return Sources.read(ADAPTER, Sources.request("mango", "application/x-www-form-urlencoded", form).withSubPath(subPath));
    }

    static String signed(String json) {
        return "vpbx_api_key=mango-test-key&sign=" + DigestUtils.sha256Hex("mango-test-key" + json + "mango-test-salt")
                + "&json=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void signedMutatedSummariesParseOrAreProblems() {
        assertTrue(Fuzz.events("mango", Fuzz.mutations(SUMMARY, 31, 400), json -> parse(signed(json), "events/summary")).read() > 0);
    }

    @Test
    void signedRandomJsonParsesOrIsAProblem() {
        Fuzz.events("mango", Fuzz.strings(32, 300, "{}[]\":,0123456789 abc_entryidtmfromnumber-.eE+", 120),
                json -> parse(signed(json), null));
    }

    @Test
    void randomSummaryFieldValuesParseOrAreProblems() {
        // each key draws its own value, valid or junk, so every branch of the duration logic is reached
        java.util.List<String> values = java.util.List.of("0", "1", "2", "60", "1748343791", "1748343800", "1748343987",
                "999999999999", "99999999999999999999", "-5", "1.5", "\"1748343800\"", "\"\"", "null", "\"abc\"",
                "{}", "[]", "\"79990001122\"", "\"sip:101@vpbx.mangosip.ru\"");
        java.util.Random random = new java.util.Random(34);
        String[] keys = {"call_direction", "create_time", "talk_time", "end_time", "entry_result", "timestamp"};
        java.util.List<String> jsons = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder json = new StringBuilder("{\"entry_id\":").append(values.get(random.nextInt(values.size())))
                    .append(",\"from\":{\"number\":").append(values.get(random.nextInt(values.size()))).append('}');
            for (String key : keys) {
                if (random.nextInt(4) > 0) {
                    json.append(",\"").append(key).append("\":").append(values.get(random.nextInt(values.size())));
                }
            }
            jsons.add(json.append('}').toString());
        }
        assertTrue(Fuzz.events("mango", jsons, json -> parse(signed(json), "events/summary")).read() > 50, "the generator must reach the parser");
    }

    @Test
    void anyFormIsParsedOrRefused() {
        Fuzz.events("mango", Fuzz.mutations(signed(SUMMARY), 33, 200), form -> parse(form, "events/summary"));
    }

    @Test
    void theSampleItselfIsAnEvent() {
        assertEquals("mango:default:MTAxNjk3NjQ1MjoxMjM=", parse(signed(SUMMARY), "events/summary").get(0).eventId());
    }
}
