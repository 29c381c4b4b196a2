package ru.metricarelay.source.tilda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import ru.metricarelay.support.Fuzz;
import ru.metricarelay.support.OneItemReader;
import ru.metricarelay.support.Sources;

/**
 * Seeded properties of the Tilda reader (form parsing, cookie splitting, identity): whatever
 * arrives, it yields exactly one item or refuses with a 4xx problem; field order never changes
 * what a submission means.
 */
class TildaParserPropertiesTest {

    static final OneItemReader READER = new OneItemReader(TildaAdapterTest.adapter(), TildaAdapterTest.FORM, "submission");
    static final String[] NAMES = {"Name", "Phone", "phone", "Email", "EMAIL", "COOKIES", "cookies", "tranid", "formid",
            "test", "yclid", "_ym_uid", "ClientId", "utm_source", "referer", "Checkbox[]", "a[b][c]", "", "Телефон"};
    static final String[] VALUES = {"", "test", "1674202831464027743", "18446744073709551616", "87856", "undefined",
            "+7 (999) 000-11-22", "333", "client@example.com", "not-an-email", "4501234:5012345678", "%", "%zz", "=;=;",
            "https://shop.example.ru/?yclid=3851790612345678911", "yclid=", "Ирина"};
    static final String[] COOKIES = {"_ym_uid=1674202831464027743", "_ym_uid=", "_ym_uid", "=x", ";", " ; ; ",
            "_ym_uid=\"1674202831464027743\"", "yclid=3851790612345678911", "previousUrl=shop.example.ru%2F",
            "_ym_uid%3D1674202831464027743", "x=%E0%A4%A", "landing=https%3A%2F%2Fa.ru%2F%3Fyclid%3D1", "_ym_d=1674202831"};

    @Test
    void randomTextIsReadOrRefusedWith4xx() {
        READER.randomText(3, "PhoneCOKIES_ym_uid=&;%3D%3B+tranid:0123456789Яё[]{}\"");
    }

    @Test
    void mutatedSampleIsReadOrRefusedWith4xx() {
        READER.mutated(4, 600, TildaAdapterTest.SAMPLE);
    }

    /** Bodies built from Tilda's own vocabulary reach the cookie and identity code, not just the form parser. */
    @Test
    void tildaShapedBodiesAreReadOrRefusedWith4xx() {
        var stats = READER.generated(20261123L, TildaParserPropertiesTest::tildaShaped);
        assertTrue(stats.withClientId() > 150, "the generator must reach the ClientId code, reached " + stats);
    }

    /** Tilda's field order is the form's; a resend or another order of the same fields is the same event. */
    @Test
    void fieldOrderDoesNotMatter() {
        Fuzz.pairOrderDoesNotMatter(Sources.resource(TildaAdapterTest.SAMPLE).strip(), 50, READER::read);
    }

    private static String tildaShaped(Random random) {
        List<String> pairs = Fuzz.pairs(random, 7, NAMES, VALUES);
        if (random.nextInt(4) > 0) {
            List<String> cookies = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                cookies.add(Fuzz.pick(random, COOKIES));
            }
            String cookie = String.join(random.nextBoolean() ? "; " : ";", cookies);
            pairs.add((random.nextBoolean() ? "COOKIES" : "Cookies") + "="
                    + (random.nextInt(5) == 0 ? Fuzz.formEncoded(Fuzz.formEncoded(cookie)) : Fuzz.formEncoded(cookie)));
        }
        if (random.nextInt(3) > 0) {
            pairs.add("tranid=" + Fuzz.formEncoded(random.nextInt(99999) + ":" + random.nextInt(99999)));
        }
        Collections.shuffle(pairs, random);
        return String.join("&", pairs);
    }

}
