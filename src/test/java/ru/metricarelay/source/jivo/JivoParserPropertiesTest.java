package ru.metricarelay.source.jivo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.OneItemReader;

/** Seeded properties of the Jivo reader: any body yields exactly one item (one event) or a 4xx problem. */
class JivoParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(JivoAdapterTest.adapter(), "application/json", "webhook");
    static final String[] EVENTS = {"chat_accepted", "chat_accepted", "offline_message", "offline_message", "chat_updated",
            "chat_finished", "created_deal", "call_event", "client_updated", "", "CHAT_ACCEPTED"};
    static final String[] VALUES = {"1674202831464027743", "1700000000123456789", "18446744073709551616", "87856", "",
            "undefined", "null", "+14084987855", "+7 999 000-11-22", "333", "email@example.com", "x@", "3948",
            "https://a.ru/?yclid=3851790612345678911", "yclid=", "%"};
    static final String[] KEYS = {"_ym_uid", "ClientId", "client_id", "yclid", "Заказ", "", "YM_UID"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(7, "{}[]\":,event_namechat_acceptedid0123456789user_token");
    }

    @Test
    void mutatedSamplesAreReadOrRefusedWith4xx() {
        READER.mutated(8, 400, JivoAdapterTest.CHAT_ACCEPTED);
        READER.mutated(9, 400, JivoAdapterTest.OFFLINE);
    }

    @Test
    void jivoShapedBodiesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261123L, JivoParserPropertiesTest::jivoShaped);
        assertTrue(stats.withClientId() > 150, "the generator must reach the ClientId code, reached " + stats);
    }

    private static String jivoShaped(Random random) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        if (random.nextInt(10) > 0) {
            body.put("event_name", pick(random, EVENTS));
        }
        if (random.nextInt(4) > 0) {
            body.put("widget_id", random.nextBoolean() ? "3948" : pick(random, VALUES));
        }
        if (random.nextInt(6) > 0) {
            if (random.nextBoolean()) {
                body.put("chat_id", random.nextInt(100000));
            } else {
                body.put("chat_id", pick(random, VALUES));
            }
        }
        if (random.nextBoolean()) {
            body.put("offline_message_id", random.nextLong());
        }
        if (random.nextBoolean()) {
            body.put("user_token", random.nextBoolean() ? JivoAdapterTest.CLIENT_ID : pick(random, VALUES));
        }
        if (random.nextInt(3) == 0) {
            ObjectNode visitor = body.putObject("visitor");
            visitor.put("phone", pick(random, VALUES));
            visitor.put("email", pick(random, VALUES));
        }
        if (random.nextInt(3) == 0) {
            body.putObject("page").put("url", pick(random, VALUES));
        }
        if (random.nextInt(3) == 0) {
            ObjectNode holder = random.nextBoolean() ? body : body.putObject(random.nextBoolean() ? "visitor" : "client");
            ArrayNode data = holder.putArray("custom_data");
            for (int i = 0, n = random.nextInt(4); i < n; i++) {
                ObjectNode entry = data.addObject();
                boolean titled = random.nextBoolean();
                entry.put(titled ? "title" : "key", pick(random, KEYS));
                entry.put(titled ? "content" : "value", pick(random, VALUES));
            }
            if (random.nextInt(4) == 0) {
                data.add("junk");
            }
        }
        return body.toString();
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
