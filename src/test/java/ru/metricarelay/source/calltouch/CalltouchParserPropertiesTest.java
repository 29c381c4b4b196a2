package ru.metricarelay.source.calltouch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;

/**
 * Mutated and random Calltouch webhooks, as POST forms and as GET queries: well-formed items with
 * deterministic ids, or a 4xx problem; nothing else.
 */
class CalltouchParserPropertiesTest {

    static final CalltouchAdapter ADAPTER = CalltouchAdapterTest.adapter(Map.of());
    static final String SAMPLE = Sources.resource("/payloads/calltouch/call_webhook_RECONSTRUCTED.form");

    static List<SourceItem> post(String form) {
        return Sources.read(ADAPTER, Sources.request("calltouch", "application/x-www-form-urlencoded", form));
    }

    static List<SourceItem> get(String query) {
        return Sources.read(ADAPTER, Sources.get("calltouch", query));
    }

    @Test
    void mutatedPostFormsParseOrAreProblems() {
        assertTrue(Fuzz.events("calltouch", Fuzz.mutations(SAMPLE, 11, 400), CalltouchParserPropertiesTest::post).read() > 100);
    }

    @Test
    void mutatedGetQueriesParseOrAreProblems() {
        assertTrue(Fuzz.events("calltouch", Fuzz.mutations(SAMPLE, 12, 400), CalltouchParserPropertiesTest::get).read() > 100);
    }

    @Test
    void randomFieldValuesParseOrAreProblems() {
        // each parameter draws its own value, valid or junk, so every field is reached with junk while the others pass
        java.util.List<String> values = new java.util.ArrayList<>(Fuzz.strings(13, 200, "0123456789/:. -+%abcxyzTtrue", 24));
        values.addAll(java.util.List.of("540123456", "27%2F05%2F2025+14%3A03%3A11", "1748343791", "187", "0", "true", "false",
                "successful", "79990001122", "1674202831464027743", "99999999999", "-5", "1.5",
                "https%3A%2F%2Fshop.example.ru%2F%3Fyclid%3D3851790612345678911"));
        java.util.Random random = new java.util.Random(14);
        String[] keys = {"callId", "calltime", "duration", "waiting_connect", "status", "unique", "targetCall",
                "callerphone", "yaClientId", "yclid", "url", "callUrl", "callphase"};
        java.util.List<String> forms = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder form = new StringBuilder("x=1");
            for (String key : keys) {
                if (random.nextInt(5) > 0) { // sometimes absent
                    form.append('&').append(key).append('=').append(values.get(random.nextInt(values.size())));
                }
            }
            forms.add(form.toString());
        }
        assertTrue(Fuzz.events("calltouch", forms, CalltouchParserPropertiesTest::post).read() > 5, "the generator must reach the parser");
    }
}
