package ru.metricarelay.source.amocrm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.metricarelay.source.amocrm.Amocrm.adapter;
import static ru.metricarelay.source.amocrm.Amocrm.read;
import static ru.metricarelay.source.amocrm.Amocrm.sample;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Fuzz;

/**
 * Seeded properties of the amoCRM reader (form parsing, account check, reading): whatever arrives,
 * it yields items or refuses with a 4xx problem; and key order and bracket encoding never change
 * what a webhook means.
 */
class AmocrmParserPropertiesTest {

    static final AmocrmAdapter DEFAULTS = adapter();
    static final AmocrmAdapter GUARDED = adapter("allowed-subdomains", "exampleshop,test000002,etesttask",
            "allowed-account-ids", "31234567,32427762");

    static final String[] ENTITIES = {"leads", "leads", "leads", "contacts", "contacts", "unsorted", "task", "leads[", ""};
    static final String[] ACTIONS = {"add", "update", "status", "status", "delete", "", "0"};
    static final String[] INDEXES = {"0", "0", "1", "7", "18446744073709551616", "-1", "", "x"};
    static final String[] IDS = {"41000001", "41000001", "7", "37054081", "", "null", "Заявка"};
    static final String[] FIELDS = {"status_id", "price", "date_create", "last_modified", "created_at", "updated_at",
            "type", "name", "account_id", "unknown_new_field"};
    static final String[] CUSTOM = {"code", "name", "id", "values][0][value", "values][0", "values][1][value",
            "values][0][enum", "values][", "values"};
    static final String[] VALUES = {"", "0", "142", "143", "1674202831464027743", "1700000000123456789", "87856", "abc",
            "https://x.ru/?yclid=3851790612345678911", "%", "%zz", "company", "contact", "null", "Заявка", "_YM_UID",
            "YCLID", "PHONE", "EMAIL", "CLIENT_ID", "+7 999 000-11-22", "333", "client@example.com", "1748500000"};
    static final String[] GOOD_MONEY = {"0", "45000", "1500.50", "", "45 000,50"};
    static final String[] BAD_MONEY = {"abc", "-1", "1e400", "99999999999999999999"};
    static final String[] GOOD_TIMES = {"1748500000", "0", "", "2025-05-29 09:26:40", "1748500000000"};
    static final String[] BAD_TIMES = {"yesterday", "-1", "2025-13-45"};

    /** Three leads (one twice), two ClientId fields on one lead, a contact and a task: order-sensitive if anything is. */
    static final String BATCH = "leads[status][10][id]=1&leads[status][10][last_modified]=1748500000"
            + "&leads[status][2][id]=2&leads[status][2][custom_fields][3][code]=_YM_UID"
            + "&leads[status][2][custom_fields][3][values][0][value]=1700000000123456789"
            + "&leads[status][2][custom_fields][1][code]=CLIENT_ID"
            + "&leads[status][2][custom_fields][1][values][0][value]=1674202831464027743"
            + "&leads[add][0][id]=1&leads[add][0][last_modified]=1748500000&leads[update][3][id]=3"
            + "&contacts[update][0][id]=5&contacts[update][0][custom_fields][0][code]=PHONE"
            + "&contacts[update][0][custom_fields][0][values][1][value]=+79990001122"
            + "&contacts[update][0][custom_fields][0][values][0][value]=89990003344"
            + "&task[add][0][id]=9&account[subdomain]=exampleshop";

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        List<String> inputs = Fuzz.strings(11, 600, "leadscontactsaccount[]=&%5BD0123456789_ym_uidYCLID:+/?#Яё ", 400);
        Fuzz.events("amocrm", inputs, text -> read(DEFAULTS, text));
        Fuzz.events("amocrm", inputs, text -> read(GUARDED, text));
    }

    @Test
    void mutatedSamplesAreReadOrRefusedWith4xx() {
        long seed = 1;
        for (String resource : Amocrm.SAMPLES) {
            List<String> inputs = Fuzz.mutations(sample(resource), seed++, 300);
            Fuzz.events("amocrm", inputs, text -> read(DEFAULTS, text));
            Fuzz.events("amocrm", inputs, text -> read(GUARDED, text));
        }
    }

    /** Bodies shaped like amoCRM's, from its own vocabulary, reach deep into the reader (custom fields, dates, money). */
    @Test
    void amoCrmShapedBodiesAreReadOrRefusedWith4xx() {
        List<String> inputs = Fuzz.generate(20261123L, 1500, AmocrmParserPropertiesTest::amoCrmShaped);
        var stats = Fuzz.events("amocrm", inputs, text -> read(DEFAULTS, text));
        Fuzz.events("amocrm", inputs, text -> read(GUARDED, text));
        assertTrue(stats.events() > 250, "the generator must reach the lead and contact readers, reached " + stats);
    }

    /** amoCRM's key order is not stable (vendors.md §1): any order of the pairs means the same webhook. */
    @Test
    void pairOrderDoesNotMatter() {
        Random random = new Random(42);
        List<String> bodies = new ArrayList<>(Amocrm.SAMPLES.stream().map(r -> sample(r).strip()).toList());
        bodies.add(BATCH);
        for (String body : bodies) {
            List<SourceItem> expected = read(DEFAULTS, body);
            for (int i = 0; i < 50; i++) {
                List<String> pairs = new ArrayList<>(List.of(body.split("&")));
                Collections.shuffle(pairs, random);
                assertEquals(expected, read(DEFAULTS, String.join("&", pairs)), "shuffled #" + i + ": " + body);
            }
        }
    }

    /** Any mix of encoded and raw brackets, ':', '/' and Cyrillic (SPEC §2, lenient) means the same webhook. */
    @Test
    void encodingOfBracketsAndCyrillicDoesNotMatter() {
        Random random = new Random(7);
        Pattern encodedRun = Pattern.compile("(%[0-9A-Fa-f]{2})+");
        for (String resource : List.of(Amocrm.WON, Amocrm.ADD_2016, Amocrm.CONTACTS)) {
            String body = sample(resource).strip();
            List<SourceItem> expected = read(DEFAULTS, body);
            for (int i = 0; i < 50; i++) {
                Matcher m = encodedRun.matcher(body);
                StringBuilder mixed = new StringBuilder();
                while (m.find()) {
                    String raw = URLDecoder.decode(m.group(), StandardCharsets.UTF_8);
                    boolean safe = raw.chars().noneMatch(c -> "&=+%#".indexOf(c) >= 0); // these must stay encoded
                    m.appendReplacement(mixed, Matcher.quoteReplacement(safe && random.nextBoolean() ? raw : m.group()));
                }
                m.appendTail(mixed);
                assertEquals(expected, read(DEFAULTS, mixed.toString()), resource + " re-encoded: " + mixed);
            }
        }
    }

    /** An account block, one to three entries with mostly sane fields and custom fields, some junk; in random order. */
    private static String amoCrmShaped(Random random) {
        List<String> pairs = new ArrayList<>();
        if (random.nextInt(4) > 0) {
            pairs.add("account[subdomain]=" + pick(random, new String[] {"exampleshop", "etesttask", "other", ""}));
        }
        if (random.nextBoolean()) {
            pairs.add("account[id]=" + pick(random, new String[] {"31234567", "1", ""}));
        }
        for (int e = 0, entries = 1 + random.nextInt(3); e < entries; e++) {
            String at = pick(random, ENTITIES) + "[" + pick(random, ACTIONS) + "][" + pick(random, INDEXES) + "]";
            if (random.nextInt(10) > 0) {
                pairs.add(at + "[id]=" + pick(random, IDS));
            }
            for (int f = 0, fields = random.nextInt(6); f < fields; f++) {
                String field = pick(random, FIELDS);
                pairs.add(at + "[" + field + "]=" + value(random, field));
            }
            for (int c = 0, customs = random.nextInt(5); c < customs; c++) {
                pairs.add(at + "[custom_fields][" + pick(random, INDEXES) + "][" + pick(random, CUSTOM) + "]=" + pick(random, VALUES));
            }
        }
        if (random.nextInt(5) == 0) {
            pairs.add(pick(random, ENTITIES) + "[" + pick(random, ACTIONS) + "]=" + pick(random, VALUES)); // junk where entries belong
        }
        Collections.shuffle(pairs, random);
        return String.join("&", pairs);
    }

    private static String value(Random random, String field) {
        boolean good = random.nextInt(10) > 0;
        return switch (field) {
            case "price" -> pick(random, good ? GOOD_MONEY : BAD_MONEY);
            case "date_create", "last_modified", "created_at", "updated_at" -> pick(random, good ? GOOD_TIMES : BAD_TIMES);
            case "type" -> pick(random, new String[] {"contact", "contact", "company", ""});
            default -> pick(random, VALUES);
        };
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
