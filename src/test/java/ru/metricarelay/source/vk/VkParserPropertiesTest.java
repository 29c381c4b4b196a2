package ru.metricarelay.source.vk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;

/** Seeded properties of the VK reader: any body yields exactly one item (one Callback API event) or a 4xx problem. */
class VkParserPropertiesTest {

    static final VkAdapter ADAPTER = VkAdapterTest.adapter();
    static final String[] TYPES = {"message_new", "message_new", "message_new", "confirmation", "message_reply", "group_join", "x y"};
    static final String[] REFS = {"1674202831464027743", "ym1674202831464027743", "YM1674202831464027743", "lp2_1674202831464027743",
            "ym", "", " ", "18446744073709551616", "ym87856", "a b", "é", "x".repeat(600)};
    static final Object[] SCALARS = {1748600000, "1748600000", "yesterday", -1, 0, 1.5, true, null, "", 17, 218765432L,
            "99999999999999999999999"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        List<String> inputs = Fuzz.strings(9, 600, "{}[]\":,typemessage_newobjectrefdateevent_id 0123456789ym-_nulltrue", 300);
        Fuzz.events("vk", inputs, VkParserPropertiesTest::one);
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        Fuzz.events("vk", Fuzz.mutations(Sources.resource(VkAdapterTest.SAMPLE), 10, 600), VkParserPropertiesTest::one);
    }

    @Test
    void vkShapedEventsAreReadOrRefusedWith4xx() {
        var stats = Fuzz.events("vk", Fuzz.generate(20261208L, 1500, VkParserPropertiesTest::event), VkParserPropertiesTest::one);
        assertTrue(stats.withClientId() > 60, "the generator must reach the ref code, reached " + stats);
    }

    /** One event, one item. */
    static List<SourceItem> one(String body) {
        List<SourceItem> items = Sources.read(ADAPTER, Sources.request("vk", "application/json", body));
        assertEquals(1, items.size(), "one event, one item");
        return items;
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
