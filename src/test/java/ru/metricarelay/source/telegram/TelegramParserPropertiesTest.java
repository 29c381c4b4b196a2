package ru.metricarelay.source.telegram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.OneItemReader;

/** Seeded properties of the Telegram reader: any body yields exactly one item (one update) or a 4xx problem. */
class TelegramParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(TelegramAdapterTest.adapter(), "application/json", "update");
    static final String[] UPDATE_KEYS = {"message", "message", "message", "edited_message", "callback_query", "channel_post", "x"};
    static final String[] TEXTS = {"/start", "/start ", "/start 1674202831464027743", "/start ym1674202831464027743",
            "/start@bot 1674202831464027743", "/start YM1674202831464027743", "/start 18446744073709551616", "/start a b",
            "/start " + "x".repeat(65), "/startx", "hello", "", "/start ym", "/start\n1674202831464027743", "/start é"};
    static final Object[] SCALARS = {1748600000, "1748600000", "yesterday", -1, 0, 1.5, true, null, "", 17, "17", 123456789L,
            "99999999999999999999999"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(5, "{}[]\":,update_idmessagetext/start 0123456789ym-_nulltrue");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(6, 600, TelegramAdapterTest.SAMPLE);
    }

    @Test
    void telegramShapedUpdatesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261123L, TelegramParserPropertiesTest::update);
        assertTrue(stats.withClientId() > 150, "the generator must reach the payload code, reached " + stats);
    }

    private static String update(Random random) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        if (random.nextInt(8) > 0) {
            Fuzz.put(update, "update_id", Fuzz.pick(random, SCALARS));
        }
        ObjectNode message = update.putObject(UPDATE_KEYS[random.nextInt(UPDATE_KEYS.length)]);
        if (random.nextInt(8) > 0) {
            Fuzz.put(message, "message_id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            Fuzz.put(message.putObject("chat"), "id", Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(4) > 0) {
            ObjectNode from = message.putObject("from");
            Fuzz.put(from, "id", Fuzz.pick(random, SCALARS));
            Fuzz.put(from, "username", random.nextBoolean() ? "irina_example" : Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(6) > 0) {
            Fuzz.put(message, "date", random.nextInt(4) > 0 ? 1748600000 : Fuzz.pick(random, SCALARS));
        }
        if (random.nextInt(8) > 0) {
            message.put("text", TEXTS[random.nextInt(TEXTS.length)]);
        } else {
            Fuzz.put(message, "text", Fuzz.pick(random, SCALARS));
        }
        return update.toString();
    }
}
