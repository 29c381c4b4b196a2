package ru.metricarelay.source.max;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.OneItemReader;

/** Seeded properties of the MAX reader: any body yields exactly one item (one update) or a 4xx problem. */
class MaxParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(MaxAdapterTest.adapter(), "application/json", "update");
    static final String[] TYPES = {"bot_started", "bot_started", "bot_started", "message_created", "bot_stopped", "user_added", "x y"};
    static final String[] PAYLOADS = {"1674202831464027743", "ym1674202831464027743", "YM1674202831464027743", "lp2_1674202831464027743",
            "ym", "", " ", "18446744073709551616", "ym87856", "a b", "é", "x".repeat(513), "x".repeat(512)};
    static final Object[] SCALARS = {1748600000123L, "1748600000123", "yesterday", -1, 0, 1.5, true, null, "", 17, 805,
            "99999999999999999999999"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(7, "{}[]\":,update_typebot_startedtimestamppayloadchat_id 0123456789ym-_nulltrue");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(8, 600, MaxAdapterTest.SAMPLE);
    }

    @Test
    void maxShapedUpdatesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261207L, MaxParserPropertiesTest::update);
        assertTrue(stats.withClientId() > 60, "the generator must reach the payload code, reached " + stats);
    }

    private static String update(Random random) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        update.put("update_type", TYPES[random.nextInt(TYPES.length)]);
        if (random.nextInt(8) > 0) {
            Fuzz.put(update, "timestamp", random.nextInt(4) > 0 ? 1748600000123L : Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            Fuzz.put(update, "chat_id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(6) > 0) {
            Fuzz.put(update.putObject("user"), "user_id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            update.put("payload", PAYLOADS[random.nextInt(PAYLOADS.length)]);
        } else {
            Fuzz.put(update, "payload", Fuzz.pick(random, SCALARS));
        }
        return update.toString();
    }
}
