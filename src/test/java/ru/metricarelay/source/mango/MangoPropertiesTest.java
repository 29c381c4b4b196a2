package ru.metricarelay.source.mango;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
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
 * Whatever json a correctly signed Mango form carries (mutated summaries, random text), and whatever
 * form arrives, the adapter yields items or a 4xx problem, never another exception.
 */
@QuarkusTest
class MangoPropertiesTest {

    static final String SUMMARY = "{\"entry_id\":\"MTAxNjk3NjQ1MjoxMjM=\",\"call_direction\":1,\"from\":{\"number\":\"79990001122\"},"
            + "\"to\":{\"extension\":\"101\",\"number\":\"74951234567\"},\"create_time\":1748343791,\"forward_time\":1748343793,"
            + "\"talk_time\":1748343800,\"end_time\":1748343987,\"entry_result\":1,\"disconnect_reason\":1110}";

    @Inject
    BodyReader bodies;
    @Inject
    MangoAdapter adapter;

    void parse(String form, String subPath) {
        InboundRequest request = bodies.read("mango", "POST", Map.of("content-type", "application/x-www-form-urlencoded"),
                null, form.getBytes(StandardCharsets.UTF_8)).withSubPath(subPath);
        adapter.authenticate(request);
        adapter.read(request).await().indefinitely();
    }

    static String signed(String json) {
        return "vpbx_api_key=mango-test-key&sign=" + DigestUtils.sha256Hex("mango-test-key" + json + "mango-test-salt")
                + "&json=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @Test
    void signedMutatedSummariesParseOrAreProblems() {
        Fuzz.onlyProblems(Fuzz.mutations(SUMMARY, 31, 400), json -> parse(signed(json), "events/summary"));
    }

    @Test
    void signedRandomJsonParsesOrIsAProblem() {
        Fuzz.onlyProblems(Fuzz.strings(32, 300, "{}[]\":,0123456789 abc_entryidtmfromnumber-.eE+", 120),
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
        Fuzz.onlyProblems(jsons, json -> parse(signed(json), "events/summary"));
    }

    @Test
    void anyFormIsParsedOrRefused() {
        Fuzz.onlyProblems(Fuzz.mutations(signed(SUMMARY), 33, 200), form -> parse(form, "events/summary"));
    }

    @Test
    void theSampleItselfIsAnEvent() {
        InboundRequest request = bodies.read("mango", "POST", Map.of("content-type", "application/x-www-form-urlencoded"),
                null, signed(SUMMARY).getBytes(StandardCharsets.UTF_8)).withSubPath("events/summary");
        adapter.authenticate(request);
        assertEquals("mango:default:MTAxNjk3NjQ1MjoxMjM=", adapter.read(request).await().indefinitely().get(0).eventId());
    }
}
