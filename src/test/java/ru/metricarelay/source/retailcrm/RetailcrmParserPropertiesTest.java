package ru.metricarelay.source.retailcrm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.OneItemReader;
import ru.metricarelay.support.Sources;

/**
 * Seeded properties of the RetailCRM reader: whatever a trigger posts, it yields exactly one order or refuses with
 * a 4xx problem; the order of the parameters never changes the order; a status code maps to itself or to a
 * status-prefix it starts with, never to anything else.
 */
class RetailcrmParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(RetailcrmAdapterTest.adapter(), RetailcrmAdapterTest.FORM, "trigger request");
    static final String[] NAMES = {"id", "externalId", "number", "status", "totalSumm", "currency", "phone", "email",
            "createdAt", "ym_client_id", "yclid", "utm_source", "utm_term", "ID", "order[id]", "", "Телефон"};
    static final String[] VALUES = {"", "4512", "1093", "1093A", "complete", "new", "cancel-other", "cancel", "canceled",
            "15990", "2490.50", "15 990", "-1", "1e999999", "RUB", "rub", "рубли", "+7 (999) 000-11-22", "client@example.com",
            "2025-05-30 13:13:20", "30.05.2025 13:13", "1748600000", "вчера", "1674202831464027743", "18446744073709551616",
            "undefined", "{{ order.getId() }}", "%", "%zz", "Ирина"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(5, "idexternalIdstatustotalSumm=&%3D+-:0123456789Яё[]{}\"");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(6, 600, RetailcrmAdapterTest.SAMPLE);
    }

    /** Bodies built from the trigger's own parameter names reach the id, money, time and identity code. */
    @Test
    void triggerShapedBodiesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261123L, RetailcrmParserPropertiesTest::triggerShaped);
        assertTrue(stats.events() > 150, "the generator must reach the order code, reached " + stats);
        assertTrue(stats.withClientId() > 30, "the generator must reach the ClientId code, reached " + stats);
    }

    /** RetailCRM lists the parameters in the order the user typed them: any order is the same order. */
    @Test
    void parameterOrderDoesNotMatter() {
        Fuzz.pairOrderDoesNotMatter(Sources.resource(RetailcrmAdapterTest.SAMPLE).strip(), 50, READER::read);
    }

    @Test
    void aStatusCodeMapsToItselfOrToAPrefixItStartsWith() {
        RetailcrmAdapter adapter = RetailcrmAdapterTest.adapter("status-prefixes", "cancel,cancel-r,c", "status-map.cancel-r", "SPAM",
                "status-map.c", "IN_PROGRESS");
        for (String code : Fuzz.strings(7, 2000, "cancel-ropmtw", 14)) {
            String family = adapter.family(code);
            assertTrue(family.equals(code) || code.startsWith(family), code + " → " + family);
            // the longest prefix: nothing longer among the prefixes also matches
            if (!family.equals(code)) {
                for (String prefix : List.of("cancel", "cancel-r", "c")) {
                    assertTrue(!code.startsWith(prefix) || prefix.length() <= family.length(), code + " → " + family);
                }
            }
        }
    }

    private static String triggerShaped(Random random) {
        List<String> pairs = Fuzz.pairs(random, 9, NAMES, VALUES);
        if (random.nextInt(3) > 0) {
            pairs.add((random.nextBoolean() ? "externalId=" : "id=") + random.nextInt(99999));
        }
        if (random.nextInt(3) > 0) {
            pairs.add("ym_client_id=" + (random.nextBoolean() ? "1674202831464027743" : Fuzz.formEncoded(Fuzz.pick(random, VALUES))));
        }
        Collections.shuffle(pairs, random);
        return String.join("&", pairs);
    }

}
