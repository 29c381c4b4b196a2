package ru.metricarelay.source.yclients;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.OneItemReader;

/**
 * Seeded properties of the YCLIENTS reader (envelope, attendance, services, offsets, custom fields, booking URL):
 * any body yields exactly one item (one webhook is one change) or a 4xx problem, and reading it twice gives the same id.
 */
class YclientsParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(YclientsAdapterTest.adapter(), YclientsAdapterTest.JSON, "webhook");
    static final String[] RESOURCES = {"record", "record", "record", "client", "service", "RECORD", "", "goods_operations_sale"};
    static final String[] STATUSES = {"create", "update", "delete", "", "UPDATE"};
    static final String[] VALUES = {"1674202831464027743", "1700000000123456789", "18446744073709551616", "87856", "", "undefined",
            "null", "+79990001122", "8 (999) 000-11-22", "333", "client@example.com", "x@", "-1", "0", "1", "2", "7", "2500",
            "1000.50", "-5", "1e999999", "2025-05-29T12:26:40+0300", "2025-05-29T12:26:40+03:00", "2025-05-29 12:26:40",
            "2025-13-29T12:26:40+0300", "https://s.ru/?_ym_uid=1674202831464027743&yclid=3851790612345678911", "%", "yclid="};
    static final String[] ATTENDANCE = {"-1", "0", "1", "2", "7"};
    static final String[] FLAGS = {"true", "false", "1", "0"};
    static final String[] TIMES = {"2025-05-29T12:26:40+0300", "2025-05-29T12:26:40+03:00", "2025-05-29 12:26:40", "1748500000"};
    static final String[] MONEY = {"2500", "1000.50", "0", "99.999999"};
    static final String[] URLS = {"https://s.ru/?_ym_uid=1674202831464027743&yclid=3851790612345678911", "https://s.ru/#/?ym_uid=87856",
            "https://s.ru/?yclid=1", ""};
    static final String[] FIELD_NAMES = {"_ym_uid", "ym_uid", "metrika_client_id", "ClientID", "yclid", "visitor", "phone", ""};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(23, "{}[]\":,resourcerecordstatusdata_id0123456789-+T");
    }

    @Test
    void mutatedSamplesAreReadOrRefusedWith4xx() {
        READER.mutated(24, 400, YclientsAdapterTest.ARRIVED);
        READER.mutated(25, 400, YclientsAdapterTest.CREATED);
    }

    /** Bodies built from YCLIENTS' own vocabulary reach the attendance, money, time and identity code, not just the envelope. */
    @Test
    void yclientsShapedBodiesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261207L, YclientsParserPropertiesTest::shaped);
        assertTrue(stats.events() > 300, "the generator must reach records, reached " + stats);
        assertTrue(stats.withClientId() > 100, "the generator must reach the ClientId code, reached " + stats);
    }

    private static String shaped(Random random) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode body = f.objectNode();
        maybe(random, body, "company_id", random.nextBoolean() ? "4564" : pick(random, VALUES));
        maybe(random, body, "resource", pick(random, RESOURCES));
        maybe(random, body, "resource_id", random.nextBoolean() ? Integer.toString(random.nextInt(1_000_000)) : pick(random, VALUES));
        maybe(random, body, "status", pick(random, STATUSES));
        ObjectNode data = body.putObject("data");
        maybe(random, data, "attendance", plausible(random, ATTENDANCE));
        maybe(random, data, "visit_attendance", plausible(random, ATTENDANCE));
        maybe(random, data, "deleted", plausible(random, FLAGS));
        maybe(random, data, "create_date", plausible(random, TIMES));
        maybe(random, data, "last_change_date", plausible(random, TIMES));
        maybe(random, data, "from_url", plausible(random, URLS));
        maybe(random, data, "id", pick(random, VALUES));
        ArrayNode services = data.putArray("services");
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            ObjectNode service = services.addObject();
            maybe(random, service, "cost_to_pay", plausible(random, MONEY));
            maybe(random, service, "cost", plausible(random, MONEY));
        }
        if (random.nextBoolean()) {
            ObjectNode fields = data.putObject("custom_fields");
            fields.put(pick(random, FIELD_NAMES), random.nextInt(3) > 0 ? "1674202831464027743" : pick(random, VALUES));
        } else {
            data.putArray("custom_fields").addObject().put("code", pick(random, FIELD_NAMES)).put("value", pick(random, VALUES));
        }
        ObjectNode client = data.putObject("client");
        for (String key : List.of("id", "phone", "email")) {
            maybe(random, client, key, pick(random, VALUES));
        }
        return body.toString();
    }

    /** Mostly a value of its kind, one time in six anything at all (junk the reader must refuse or ignore). */
    private static String plausible(Random random, String[] values) {
        return random.nextInt(6) > 0 ? pick(random, values) : pick(random, VALUES);
    }

    private static void maybe(Random random, ObjectNode node, String key, String value) {
        if (random.nextInt(6) > 0) {
            node.put(key, value);
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
