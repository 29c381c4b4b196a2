package ru.metricarelay.source.marquiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.OneItemReader;
import ru.metricarelay.support.Sources;

/**
 * Seeded properties of the Marquiz reader: any body yields exactly one item or a 4xx problem; the derived id is the
 * same for the same lead however its fields are ordered, and the answers never change it.
 */
class MarquizParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(MarquizAdapterTest.adapter(), MarquizAdapterTest.JSON, "lead");
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] VALUES = {"1674202831464027743", "18446744073709551616", "87856", "", "undefined", "null",
            "+7 (999) 000-11-22", "89990001122", "333", "client@example.com", "x@", "2025-05-30T10:13:20.000Z",
            "2025-05-30T13:13:20+03:00", "2025-05-30 10:13:20", "2025-13-30T10:13:20Z", "вчера",
            "https://a.ru/?yclid=3851790612345678911", "yclid=", "%", MarquizAdapterTest.QUIZ};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(31, "{}[]\":,quizcontactsextracookies_ym_uid0123456789");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(32, 500, MarquizAdapterTest.SAMPLE);
    }

    @Test
    void marquizShapedBodiesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261207L, MarquizParserPropertiesTest::shaped);
        assertTrue(stats.withClientId() > 150, "the generator must reach the ClientId code, reached " + stats);
    }

    /** A resend may order the fields differently and carry other answers: still the same lead, the same id. */
    @Test
    void fieldOrderAndAnswersDoNotChangeTheId() throws Exception {
        Random random = new Random(7);
        JsonNode sample = JSON.readTree(Sources.resource(MarquizAdapterTest.SAMPLE));
        String expected = READER.one(sample.toString()).get(0).eventId();
        for (int i = 0; i < 50; i++) {
            ObjectNode shuffled = shuffle(sample, random);
            shuffled.putArray("answers").addObject().put("q", "Телефон?").put("a", "+7 999 " + random.nextInt(1000));
            assertEquals(expected, READER.one(shuffled.toString()).get(0).eventId(), "shuffled #" + i + ": " + shuffled);
        }
    }

    /** The object with its fields (and those of nested objects) in a random order. */
    static ObjectNode shuffle(JsonNode node, Random random) {
        List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            fields.add(it.next());
        }
        Collections.shuffle(fields, random);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        fields.forEach(f -> out.set(f.getKey(), f.getValue().isObject() ? shuffle(f.getValue(), random) : f.getValue()));
        return out;
    }

    private static String shaped(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (random.nextInt(8) > 0) {
            ObjectNode quiz = body.putObject("quiz");
            maybe(random, quiz, "id", pick(random, VALUES));
        }
        if (random.nextInt(4) > 0) {
            ObjectNode contacts = body.putObject("contacts");
            maybe(random, contacts, "phone", pick(random, VALUES));
            maybe(random, contacts, "email", pick(random, VALUES));
        }
        maybe(random, body, "created", pick(random, VALUES));
        ObjectNode extra = body.putObject("extra");
        maybe(random, extra, "href", pick(random, VALUES));
        if (random.nextInt(4) > 0) {
            extra.putObject("cookies").put("_ym_uid", random.nextInt(3) > 0 ? "1674202831464027743" : pick(random, VALUES));
        } else {
            maybe(random, extra, "cookies", pick(random, VALUES));
        }
        body.putArray("answers").addObject().put("q", "?").put("a", pick(random, VALUES));
        return body.toString();
    }

    private static void maybe(Random random, ObjectNode node, String key, String value) {
        if (random.nextInt(5) > 0) {
            node.put(key, value);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
