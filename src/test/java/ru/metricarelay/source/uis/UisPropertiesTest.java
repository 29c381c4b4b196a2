package ru.metricarelay.source.uis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.metricarelay.inbound.BodyReader;
import ru.metricarelay.inbound.InboundRequest;
import ru.metricarelay.support.Fuzz;

/** Mutated and random UIS notification bodies (customer templates go wrong): items or a 4xx problem, nothing else. */
@QuarkusTest
class UisPropertiesTest {

    @Inject
    BodyReader bodies;
    @Inject
    UisAdapter adapter;

    void parse(String body) {
        InboundRequest request = bodies.read("uis", "POST", Map.of("content-type", "application/json"), null,
                body.getBytes(StandardCharsets.UTF_8));
        adapter.read(request).await().indefinitely();
    }

    @Test
    void mutatedSamplesParseOrAreProblems() throws IOException {
        String sample = new String(getClass().getResourceAsStream(
                "/payloads/uis_comagic/call_finished_notification_RECONSTRUCTED.json").readAllBytes(), StandardCharsets.UTF_8);
        Fuzz.onlyProblems(Fuzz.mutations(sample, 21, 400), this::parse);
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
        Fuzz.onlyProblems(bodies, this::parse);
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void randomTextIsRefusedOrParsed() {
        Fuzz.onlyProblems(Fuzz.strings(23, 300, "{}[]\":,0123456789 call_session_id", 80), this::parse);
    }
}
