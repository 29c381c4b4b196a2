package ru.metricarelay.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Whatever a sender posts, the form parser yields a tree or a 4xx problem — never another exception. */
class FormBodyPropertiesTest {

    @Property(tries = 500)
    void anyTextParsesOrIsAProblem(@ForAll @StringLength(max = 400) String text) {
        try {
            assertTrue(FormBody.parse(text, 5000).isObject());
        } catch (RelayProblem problem) {
            assertTrue(problem.status() >= 400 && problem.status() < 500);
        }
    }

    @Property(tries = 300)
    void bracketSoupParses(@ForAll("brackety") String text) {
        try {
            assertTrue(FormBody.parse(text, 5000).isObject());
        } catch (RelayProblem problem) {
            assertTrue(problem.status() >= 400 && problem.status() < 500);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> brackety() {
        return net.jqwik.api.Arbitraries.strings().withChars("[]=&%:a0Я+").ofMaxLength(120);
    }
}
