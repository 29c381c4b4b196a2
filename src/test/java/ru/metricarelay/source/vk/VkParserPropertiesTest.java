package ru.metricarelay.source.vk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.OneItemReader;

/** Seeded properties of the VK reader: any body yields exactly one item (one Callback API event) or a 4xx problem. */
class VkParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(VkAdapterTest.adapter(), "application/json", "event");
    static final String[] TYPES = {"message_new", "message_new", "message_new", "confirmation", "message_reply", "group_join", "x y"};
    static final String[] REFS = {"1674202831464027743", "ym1674202831464027743", "YM1674202831464027743", "lp2_1674202831464027743",
            "ym", "", " ", "18446744073709551616", "ym87856", "a b", "é", "x".repeat(600)};
    static final Object[] SCALARS = {1748600000, "1748600000", "yesterday", -1, 0, 1.5, true, null, "", 17, 218765432L,
            "99999999999999999999999"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(9, "{}[]\":,typemessage_newobjectrefdateevent_id 0123456789ym-_nulltrue");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(10, 600, VkAdapterTest.SAMPLE);
    }

    @Test
    void vkShapedEventsAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261208L, VkParserPropertiesTest::event);
        assertTrue(stats.withClientId() > 60, "the generator must reach the ref code, reached " + stats);
    }

    private static String event(Random random) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", TYPES[random.nextInt(TYPES.length)]);
        if (random.nextInt(8) > 0) {
            Fuzz.put(event, "group_id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            Fuzz.put(event, "event_id", Fuzz.pick(random, SCALARS));
        }
        ObjectNode message = event.putObject("object").putObject(random.nextInt(10) > 0 ? "message" : "msg");
        if (random.nextInt(6) > 0) {
            Fuzz.put(message, "date", random.nextInt(4) > 0 ? 1748600000 : Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            Fuzz.put(message, "peer_id", Fuzz.pick(random, SCALARS));
            Fuzz.put(message, "conversation_message_id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            message.put("ref", REFS[random.nextInt(REFS.length)]);
        } else {
            Fuzz.put(message, "ref", Fuzz.pick(random, SCALARS));
        }
        return event.toString();
    }
}
