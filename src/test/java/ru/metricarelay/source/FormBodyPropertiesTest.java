package ru.metricarelay.source;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.support.Fuzz;

/** Whatever a sender posts, the form parser yields a tree or a 4xx problem — never another exception. */
class FormBodyPropertiesTest {

    @Test
    void anyTextParsesOrIsAProblem() {
        Fuzz.onlyProblems(Fuzz.strings(1, 500, "abcXYZ019[]=&%:+;/?#\"'\\ Яё\u0000\t\n", 300),
                text -> assertTrue(FormBody.parse(text, 5000).isObject()));
    }

    @Test
    void mutatedAmoCrmBodiesParseOrAreProblems() throws IOException {
        String sample = new String(getClass().getResourceAsStream(
                "/payloads/amocrm/leads_status_2025_won_ym_uid_RECONSTRUCTED.form").readAllBytes(), StandardCharsets.UTF_8);
        Fuzz.onlyProblems(Fuzz.mutations(sample, 2, 300), text -> assertTrue(FormBody.parse(text, 5000).isObject()));
    }

    @Test
    void deepKeysAreRefusedNotFollowed() {
        RelayProblem problem = org.junit.jupiter.api.Assertions.assertThrows(RelayProblem.class,
                () -> FormBody.parse("a" + "[x]".repeat(50) + "=1", 5000));
        org.junit.jupiter.api.Assertions.assertEquals(400, problem.status());
    }

    @Test
    void rawHashAndSemicolonAreDataNotSeparators() {
        var tree = FormBody.parse("leads[status][0][name]=Заказ #12; срочно&leads[status][0][id]=5&x=%zz", 5000);
        org.junit.jupiter.api.Assertions.assertEquals("Заказ #12; срочно", tree.at("/leads/status/0/name").asText());
        org.junit.jupiter.api.Assertions.assertEquals("5", tree.at("/leads/status/0/id").asText());
        org.junit.jupiter.api.Assertions.assertEquals("%zz", tree.at("/x").asText());
    }

    /** The one-pass decoder agrees with the JDK's wherever the JDK's accepts the input, and keeps a stray '%'. */
    @Test
    void decodingAgreesWithTheJdk() {
        java.util.Random random = new java.util.Random(7);
        String[] parts = {"a", "Я", "😀", "+", "%5B", "%5d", "%D0%AF", "%F0%9F%98%80", "=", " ", "%2B", "%25"};
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = random.nextInt(8); k >= 0; k--) {
                s.append(parts[random.nextInt(parts.length)]);
            }
            String text = s.toString();
            org.junit.jupiter.api.Assertions.assertEquals(java.net.URLDecoder.decode(text, StandardCharsets.UTF_8),
                    FormBody.decode(text), text);
        }
        org.junit.jupiter.api.Assertions.assertEquals("100% sure %z", FormBody.decode("100%25+sure+%z"));
        org.junit.jupiter.api.Assertions.assertEquals("50%", FormBody.decode("50%"));
    }

    /** The fast parser (reused buffers, shared key prefixes not looked up again) builds the same tree as the obvious one. */
    @Test
    void sameTreeAsThePlainParser() throws IOException {
        java.util.List<String> texts = new java.util.ArrayList<>(Fuzz.strings(11, 3_000, "ab0[]=&%5BbD+Я", 60));
        // (no emoji in the alphabet: picked char by char it would leave lone surrogates, which a body decoded from UTF-8 never has)
        for (String name : new String[] {"leads_status_2025_won_ym_uid_RECONSTRUCTED.form",
                "leads_status_won_ym_uid_unencoded_RECONSTRUCTED.form", "contacts_update_2025_phone_email_codes.form",
                "leads_add_2016_zapier_testaccount.form"}) {
            String sample = new String(getClass().getResourceAsStream("/payloads/amocrm/" + name).readAllBytes(),
                    StandardCharsets.UTF_8);
            texts.add(sample);
            texts.addAll(Fuzz.mutations(sample, 3, 300));
        }
        texts.addAll(java.util.List.of("a[b][c]=1&a[b]=2&a[b][d]=3", "a[]=1&a[]=2&a[][x]=3&a[][x]=4", "a=1&a[b]=2&a[b][c]=3&a=4",
                "x[%5B]=1&x[[]=2&x[a]b]=3&x[a]=4&x[a][b]=5",
                "😀[😀]=😀&%F0%9F%98%80[x]=%F0%9F%98%80+1&y[z]=%D0%AF%zz"));
        int compared = 0;
        for (String text : texts) {
            String expected;
            try {
                expected = PlainFormBody.parse(text).toString();
            } catch (RelayProblem tooDeepOrNotUtf8) {
                org.junit.jupiter.api.Assertions.assertThrows(RelayProblem.class, () -> FormBody.parse(text, 100_000), text);
                continue;
            }
            org.junit.jupiter.api.Assertions.assertEquals(expected, FormBody.parse(text, 100_000).toString(), text);
            compared++;
        }
        assertTrue(compared > 3_000, "compared " + compared);
    }
}
