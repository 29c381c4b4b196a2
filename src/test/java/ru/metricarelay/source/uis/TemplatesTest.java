package ru.metricarelay.source.uis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;

/** The UIS template mistakes the relay mends, and what it refuses with advice. */
class TemplatesTest {

    @Test
    void doubledQuotesQuotedListsAndBareTextAreMended() {
        assertEquals("{\"a\":\"x y\",\"n\":5,\"t\":[\"q\",\"r\"],\"d\":\"2025-05-27 14:06:20\",\"k\":null}",
                Templates.repair("{\"a\":\"\"x y\"\",\"n\":5,\"t\":\"[\"q\",\"r\"]\",\"d\":2025-05-27 14:06:20,\"k\":null}"));
    }

    @Test
    void aColonInsideAStringIsLeftAlone() {
        assertEquals("{\"time\":\"14:06:20\",\"x\":\"y\"}", Templates.repair("{\"time\":\"14:06:20\",\"x\":\"\"y\"\"}"));
    }

    @Test
    void whatCannotBeMendedIsA422WithAdvice() {
        RelayProblem problem = assertThrows(RelayProblem.class, () -> Templates.repair("{\"a\": {{a}"));
        assertEquals(422, problem.status());
        assertEquals(true, problem.getMessage().contains("without quotes"));
    }
}
