package ru.metricarelay.source.wazzup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.Sources;

/**
 * Seeded properties of the Wazzup reader: any body yields items or a 4xx problem; and a ClientId
 * anywhere in a text, among any other words and numbers, is found.
 */
class WazzupParserPropertiesTest {

    static final WazzupAdapter ADAPTER = WazzupAdapterTest.adapter();
    static final WazzupAdapter MARKED = WazzupAdapterTest.adapter("client-id-marker", "Код:");
    static final String[] CHAT_TYPES = {"whatsapp", "whatsapp", "telegram", "tgapi", "viber", "instagram", "whatsgroup", "", "vk"};
    static final String[] TEXTS = {"Код: 1674202831464027743", "1674202831464027743", "ym1674202831464027743", "hello",
            "18446744073709551616", "", "Заказ 87856", "12345678901234567890123", "Код:1700000000123456789"};
    static final String[] TIMES = {"2025-05-30T10:13:20.000Z", "2025-05-30T13:13:20+03:00", "1748600000", "", "вчера"};
    static final String[] WORDS = {"Здравствуйте", "код", "Код:", "+7", "999", "000-11-22", "заказ", "№", "ym", "#", ",", "."};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        Fuzz.events("wazzup", Fuzz.strings(9, 600, "{}[]\":,messagesIdchatTypewhatsappisEcho0123456789truetext", 300),
                text -> read(ADAPTER, text));
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        List<String> inputs = Fuzz.mutations(Sources.resource(WazzupAdapterTest.SAMPLE), 10, 600);
        Fuzz.events("wazzup", inputs, text -> read(ADAPTER, text));
        Fuzz.events("wazzup", inputs, text -> read(MARKED, text));
    }

    @Test
    void wazzupShapedBodiesAreReadOrRefusedWith4xx() {
        List<String> inputs = Fuzz.generate(20261123L, 1000, WazzupParserPropertiesTest::wazzupShaped);
        var stats = Fuzz.events("wazzup", inputs, text -> read(ADAPTER, text));
        Fuzz.events("wazzup", inputs, text -> read(MARKED, text));
        assertTrue(stats.events() > 300, "the generator must reach the message reader, reached " + stats);
    }

    /** A ClientId among random words and shorter or longer numbers is always the one found. */
    @Test
    void aClientIdAmongOtherWordsIsFound() {
        Random random = new Random(5);
        for (int i = 0; i < 1000; i++) {
            String clientId = Long.toUnsignedString(1_600_000_000_000_000_000L + (random.nextLong() & 0xFFFFFFFFFFFFL));
            List<String> words = new ArrayList<>();
            for (int w = 0, n = random.nextInt(8); w < n; w++) {
                words.add(random.nextInt(3) == 0 ? Long.toString(random.nextInt(1_000_000_000)) : WORDS[random.nextInt(WORDS.length)]);
            }
            words.add(random.nextInt(words.size() + 1), clientId);
            String text = String.join(random.nextBoolean() ? " " : ", ", words);
            assertEquals(clientId, ADAPTER.clientIdIn(text), text);
        }
    }

    static List<SourceItem> read(WazzupAdapter adapter, String body) {
        return Sources.read(adapter, Sources.request("wazzup", "application/json", body));
    }

    private static String wazzupShaped(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (random.nextInt(10) == 0) {
            body.put("test", random.nextBoolean());
        }
        if (random.nextInt(5) > 0) {
            ArrayNode messages = body.putArray("messages");
            for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                ObjectNode m = messages.addObject();
                if (random.nextInt(15) > 0) {
                    m.put("messageId", "m-" + random.nextInt(1000));
                }
                if (random.nextInt(10) > 0) {
                    m.put("dateTime", random.nextInt(6) > 0 ? TIMES[0] : TIMES[random.nextInt(TIMES.length)]);
                }
                m.put("chatType", CHAT_TYPES[random.nextInt(CHAT_TYPES.length)]);
                m.put("chatId", random.nextBoolean() ? "79990001122" : Integer.toString(random.nextInt()));
                m.put("isEcho", random.nextInt(4) == 0);
                m.put("text", TEXTS[random.nextInt(TEXTS.length)]);
                if (random.nextBoolean()) {
                    m.putObject("contact").put("phone", random.nextBoolean() ? "79990001122" : "333")
                            .put("username", random.nextBoolean() ? "irina_example" : "");
                }
            }
        }
        if (random.nextInt(3) == 0) {
            ArrayNode statuses = body.putArray("statuses");
            statuses.addObject().put("messageId", "m-" + random.nextInt(1000)).put("status", "delivered");
            if (random.nextBoolean()) {
                statuses.addObject().put("status", "read");
            }
        }
        return body.toString();
    }
}
