package ru.metricarelay.source.bitrix24;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.source.FormBody;
import ru.metricarelay.support.Fuzz;

/**
 * Seeded property checks: whatever a sender posts and whatever a portal answers, the event-form
 * reader, the source-native checks and the deal mapper give a result or a 4xx problem — nothing else.
 */
class Bitrix24ParserPropertiesTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final String FORM_ALPHABET = "abcEVNTONCRMDEAL019[]=&%:+;/?#\"'\\ Яё_\u0000\t\n";

    @Test
    void anyFormTextIsANoticeOrAProblem() {
        List<String> inputs = new ArrayList<>(Fuzz.strings(11, 400, FORM_ALPHABET, 200));
        Random random = new Random(12);
        for (int i = 0; i < 300; i++) { // well-formed keys with random values reach deeper
            inputs.add("event=" + pick(random, "ONCRMDEALADD", "ONCRMLEADUPDATE", "oncrmdealupdate", "", "ONCRM%00", "Я")
                    + "&data[FIELDS][ID]=" + pick(random, "1", "0", "-5", "007", "99999999999999999999", "", "1e3", "%")
                    + "&document_id[2]=" + pick(random, "DEAL_5", "LEAD_", "deal_9", "CONTACT_1", "")
                    + "&auth[domain]=" + pick(random, "some-domain.bitrix24.com", "", "[::1", "a b"));
        }
        Fuzz.onlyProblems(inputs, text -> assertNotNull(Notice.read(FormBody.parse(text, 5000)).event()));
    }

    @Test
    void mutatedSampleWebhooksPassOrFailAsProblemsThroughTheAdapter() throws IOException {
        // a configured token and portal, no rest-url: authenticate() and read() both run, no network
        Bitrix24Adapter adapter = Bitrix24AdapterTest.adapter(
                TestBitrix24Config.of(null, "some-domain.bitrix24.com", Bitrix24AdapterTest.SAMPLE_TOKEN));
        Fuzz.onlyProblems(Fuzz.mutations(Bitrix24AdapterTest.sampleForm(), 13, 400), text -> {
            var request = Bitrix24AdapterTest.request(text);
            adapter.authenticate(request);
            adapter.read(request).await().indefinitely();
        });
    }

    @Test
    void sampleDealsWithFieldsReplacedOrDroppedMapOrFailAsProblems() throws IOException {
        ObjectNode sample = (ObjectNode) Bitrix24AdapterTest.sampleDeal();
        List<String> names = new ArrayList<>();
        sample.fieldNames().forEachRemaining(names::add);
        Random random = new Random(14);
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            ObjectNode deal = sample.deepCopy();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                String field = names.get(random.nextInt(names.size()));
                if (random.nextInt(3) == 0) {
                    deal.remove(field);
                } else {
                    deal.set(field, randomValue(random, 1));
                }
            }
            deals.add(deal.toString());
        }
        Fuzz.onlyProblems(deals, text -> map(readResult(text)));
    }

    @Test
    void randomDealsMapOrFailAsProblems() {
        Random random = new Random(15);
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            deals.add(randomDeal(random, 0).toString());
        }
        Fuzz.onlyProblems(deals, text -> map(readResult(text)));
    }

    static JsonNode readResult(String text) {
        try {
            return JSON.readTree(text).path("result").isObject() ? JSON.readTree(text).get("result") : JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void map(JsonNode record) {
        for (CrmEntity entity : CrmEntity.values()) {
            assertNotNull(RecordMapper.event("bitrix24", "p", entity, "1", record, record.get("contact"),
                    "UF_CRM_1739432591418", MOSCOW));
        }
    }

    static ObjectNode randomDeal(Random random, int depth) {
        ObjectNode deal = JSON.createObjectNode();
        String[] fields = {"STAGE_SEMANTIC_ID", "STATUS_SEMANTIC_ID", "OPPORTUNITY", "CURRENCY_ID", "DATE_CREATE",
                "DATE_MODIFY", "CONTACT_ID", "PHONE", "EMAIL", "UF_CRM_1739432591418", "UF_CRM_1", "UF_CRM_", "contact"};
        for (String field : fields) {
            if (random.nextInt(4) > 0) {
                deal.set(field, randomValue(random, depth + 1));
            }
        }
        return deal;
    }

    static JsonNode randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 2 ? 6 : 9);
        return switch (kind) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.getNodeFactory().textNode(pick(random, "S", "F", "P", "", "null", "undefined", "RUB", "usd", "BTC",
                    "1674202831464027743", "18446744073709551616", "+7 (999) 000-11-22", "client@example.com",
                    "2024-08-30T14:29:00+02:00", "2024-13-45T99:00:00+02:00", "1725020945", "1000000.00", "1e400",
                    "-1", "0.0000001", "1 000,50", "NaN", "%", "\u0000"));
            case 2 -> JSON.getNodeFactory().numberNode(random.nextLong());
            case 3 -> JSON.getNodeFactory().numberNode(random.nextDouble() * 1e6);
            case 4 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 5 -> JSON.getNodeFactory().textNode(Fuzz.strings(random.nextLong(), 1, "0123456789.,-+eE :TZ", 25).get(0));
            case 6, 7 -> {
                ArrayNode array = JSON.createArrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(random.nextBoolean() ? JSON.createObjectNode().set("VALUE", randomValue(random, depth + 1))
                            : randomValue(random, depth + 1));
                }
                yield array;
            }
            default -> randomDeal(random, depth + 1);
        };
    }

    static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
