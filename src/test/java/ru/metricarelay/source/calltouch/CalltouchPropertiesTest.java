package ru.metricarelay.source.calltouch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.metricarelay.inbound.BodyReader;
import ru.metricarelay.inbound.InboundRequest;
import ru.metricarelay.support.Fuzz;

/** Mutated and random Calltouch webhooks, as POST forms and as GET queries: items or a 4xx problem, nothing else. */
@QuarkusTest
class CalltouchPropertiesTest {

    @Inject
    BodyReader bodies;
    @Inject
    CalltouchAdapter adapter;

    static String sample() throws IOException {
        return new String(CalltouchPropertiesTest.class.getResourceAsStream(
                "/payloads/calltouch/call_webhook_RECONSTRUCTED.form").readAllBytes(), StandardCharsets.UTF_8);
    }

    void post(String form) {
        InboundRequest request = bodies.read("calltouch", "POST",
                Map.of("content-type", "application/x-www-form-urlencoded"), null, form.getBytes(StandardCharsets.UTF_8));
        adapter.read(request).await().indefinitely();
    }

    void get(String query) {
        InboundRequest request = bodies.read("calltouch", "GET", Map.of(), query, new byte[0]);
        adapter.read(request).await().indefinitely();
    }

    @Test
    void mutatedPostFormsParseOrAreProblems() throws IOException {
        Fuzz.onlyProblems(Fuzz.mutations(sample(), 11, 400), this::post);
    }

    @Test
    void mutatedGetQueriesParseOrAreProblems() throws IOException {
        Fuzz.onlyProblems(Fuzz.mutations(sample(), 12, 400), this::get);
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
        Fuzz.onlyProblems(forms, this::post);
    }
}
