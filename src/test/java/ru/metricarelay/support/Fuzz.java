package ru.metricarelay.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import ru.metricarelay.inbound.RelayProblem;

/**
 * Seeded property checks for parsers: random text, and mutations (truncated, bytes flipped, parts
 * shuffled) of real sample payloads. Deterministic per seed, so a failure names the input that
 * broke it and reproduces on the next run.
 */
public final class Fuzz {

    private Fuzz() {
    }

    /** {@code count} random strings over {@code alphabet}, up to {@code maxLength} chars. */
    public static List<String> strings(long seed, int count, String alphabet, int maxLength) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(maxLength + 1);
            for (int c = 0; c < length; c++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            out.add(s.toString());
        }
        return out;
    }

    /** {@code count} mutations of a sample: the sample itself, truncations, flipped bytes, shuffled parts. */
    public static List<String> mutations(String sample, long seed, int count) {
        Random random = new Random(seed);
        byte[] bytes = sample.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(count);
        out.add(sample);
        for (int i = 1; i < count; i++) {
            byte[] body = bytes.clone();
            switch (i % 3) {
                case 0 -> body = Arrays.copyOf(body, random.nextInt(Math.max(1, body.length)));
                case 1 -> {
                    for (int k = 0; k < 1 + body.length / 40; k++) {
                        body[random.nextInt(Math.max(1, body.length))] = (byte) (32 + random.nextInt(95));
                    }
                }
                default -> {
                    List<String> parts = new ArrayList<>(List.of(sample.split("[&,]")));
                    Collections.shuffle(parts, random);
                    body = String.join(random.nextBoolean() ? "&" : ",", parts).getBytes(StandardCharsets.UTF_8);
                }
            }
            out.add(new String(body, StandardCharsets.UTF_8));
        }
        return out;
    }

    /**
     * Runs {@code parser} on every input: it may return or refuse with a 4xx {@link RelayProblem};
     * any other exception fails the test, naming the input.
     */
    public static void onlyProblems(List<String> inputs, Consumer<String> parser) {
        for (String input : inputs) {
            try {
                parser.accept(input);
            } catch (RelayProblem problem) {
                assertTrue(problem.status() >= 400 && problem.status() < 500,
                        "status " + problem.status() + " for input: " + input);
            } catch (RuntimeException | AssertionError e) {
                fail("input broke the parser with " + e + "\ninput: " + input, e);
            }
        }
    }
}
