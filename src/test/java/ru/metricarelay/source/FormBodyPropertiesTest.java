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
}
