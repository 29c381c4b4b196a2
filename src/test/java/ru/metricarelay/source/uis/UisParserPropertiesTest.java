package ru.metricarelay.source.uis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;
import ru.metricarelay.support.TestConfigs;

/**
 * Mutated and random UIS notification bodies (customer templates go wrong): well-formed items with
 * deterministic ids, or a 4xx problem; nothing else.
 */
class UisParserPropertiesTest {

    static final UisAdapter ADAPTER = new UisAdapter(Sources.config(UisConfig.class, "relay.sources.uis"),
            new TestConfigs.Metrica(Optional.empty(), Optional.empty()));

    static List<SourceItem> parse(String body) {
        return Sources.read(ADAPTER, Sources.request("uis", "application/json", body));
    }

    @Test
    void mutatedSamplesParseOrAreProblems() {
        String sample = Sources.resource("/payloads/uis/call_finished_notification_RECONSTRUCTED.json");
        assertTrue(Fuzz.events("uis", Fuzz.mutations(sample, 21, 400), UisParserPropertiesTest::parse).read() > 0);
    }

    @Test
    void randomValuesInAValidTemplateParseOrAreProblems() {
        // each key draws its own value, valid or junk, so every field is reached with junk while the others pass
        java.util.List<String> values = new java.util.ArrayList<>(Fuzz.strings(22, 200, "0123456789-:. abcin_out\\\"[]{}", 24));
        values.addAll(java.util.List.of("2876543210", "2025-05-27 14:06:20.123", "187", "0", "1", "in", "79990001122",
                "99999999999", "-5", "1.5", "1e3", "https://shop.example.ru/?yclid=3851790612345678911"));
        java.util.Random random = new java.util.Random(24);
        String[] keys = {"call_session_id", "notification_mnemonic", "notification_time", "start_time", "direction",
                "talk_time_duration", "wait_time_duration", "communication_number", "contact_phone_number",
                "ym_client_id", "yclid", "landing_page"};
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            StringBuilder body = new StringBuilder("{\"tag_names\":[").append(quote(values.get(random.nextInt(values.size())))).append(']');
            for (String key : keys) {
                if (random.nextInt(5) > 0) { // sometimes absent
                    String value = values.get(random.nextInt(values.size()));
                    body.append(",\"").append(key).append("\":")
                            .append(random.nextBoolean() && value.matches("-?\\d+") ? value : quote(value));
                }
            }
            bodies.add(body.append('}').toString());
        }
        assertTrue(Fuzz.events("uis", bodies, UisParserPropertiesTest::parse).read() > 50, "the generator must reach the parser");
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void randomTextIsRefusedOrParsed() {
        Fuzz.events("uis", Fuzz.strings(23, 300, "{}[]\":,0123456789 call_session_id", 80), UisParserPropertiesTest::parse);
    }
}
