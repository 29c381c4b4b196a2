package ru.metricarelay.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.ClientId;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Money;
import ru.metricarelay.event.SourceItem;

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
     * Runs {@code parser} on every input twice. Both runs must refuse it with the same 4xx, or give the
     * same event ids (ids are deterministic: a resent webhook replaces, never doubles); every item
     * must be well formed ({@link #assertWellFormed}). Any other exception fails, naming the input.
     *
     * @return what the inputs were read into, so callers can check the generator reached the parser
     */
    public static Stats events(String source, List<String> inputs, Function<String, List<SourceItem>> parser) {
        int read = 0;
        int events = 0;
        int withClientId = 0;
        for (String input : inputs) {
            Object first = outcome(parser, input);
            Object second = outcome(parser, input);
            assertEquals(first, second, "two reads of one input differ; input: " + input);
            if (first instanceof List<?> ids) {
                assertFalse(ids.isEmpty(), "no item and no problem for input: " + input);
                List<SourceItem> items = parser.apply(input);
                assertWellFormed(source, items);
                read++;
                for (SourceItem item : items) {
                    if (item instanceof DealEvent e) {
                        events++;
                        withClientId += e.identity().clientId() != null ? 1 : 0;
                    }
                }
            }
        }
        return new Stats(read, events, withClientId);
    }

    /** Inputs read (not refused), events among their items, events that carry a ClientId. */
    public record Stats(int read, int events, int withClientId) {
    }

    /** {@code count} inputs from a seeded generator. */
    public static List<String> generate(long seed, int count, Function<Random, String> generator) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(generator.apply(random));
        }
        return out;
    }

    /** The event ids read from the input, or the 4xx status it was refused with. */
    private static Object outcome(Function<String, List<SourceItem>> parser, String input) {
        try {
            return parser.apply(input).stream().map(SourceItem::eventId).toList();
        } catch (RelayProblem problem) {
            assertTrue(problem.status() >= 400 && problem.status() < 500, "status " + problem.status() + " for input: " + input);
            return problem.status();
        } catch (RuntimeException | AssertionError e) {
            return fail("input broke the parser with " + e + "\ninput: " + input, e);
        }
    }

    /**
     * What every item of every source satisfies: its id is {@code <source>:...} (and, for an event,
     * exactly {@code <source>:<account>:<deal id>}); a ClientId is a valid one, phones are digits with
     * a country code, durations are not negative, money is within Metrica's limits.
     */
    public static void assertWellFormed(String source, List<SourceItem> items) {
        for (SourceItem item : items) {
            assertEquals(source, item.source(), item.toString());
            assertTrue(item.eventId().startsWith(source + ":"), item.eventId());
            if (item instanceof DealEvent e) {
                assertEquals(DealEvent.eventId(source, e.account(), e.dealId()), e.eventId());
                assertTrue(e.identity().clientId() == null || ClientId.isValid(e.identity().clientId()), e.toString());
                e.identity().phones().forEach(phone -> assertTrue(phone.matches("\\d{8,15}"), phone));
                if (e.call() != null) {
                    assertTrue(e.call().talkSeconds() == null || e.call().talkSeconds() >= 0, e.call().toString());
                    assertTrue(e.call().holdSeconds() == null || e.call().holdSeconds() >= 0, e.call().toString());
                }
                for (var money : java.util.Arrays.asList(e.revenue(), e.cost())) {
                    assertTrue(money == null || (money.signum() > 0 && money.compareTo(Money.MAX) <= 0), e.toString());
                }
            }
        }
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

    /**
     * The {@code &}-separated pairs of a form {@code body} in {@code times} seeded shuffles: each must read to what the
     * body reads to. Form senders list their fields in the order someone typed them; it never changes the meaning.
     */
    public static void pairOrderDoesNotMatter(String body, int times, Function<String, List<SourceItem>> read) {
        Random random = new Random(42);
        List<SourceItem> expected = read.apply(body);
        for (int i = 0; i < times; i++) {
            List<String> pairs = new ArrayList<>(List.of(body.split("&")));
            Collections.shuffle(pairs, random);
            assertEquals(expected, read.apply(String.join("&", pairs)), "shuffled #" + i + ": " + body);
        }
    }

    /** A form component, percent-encoded as a form body carries it. */
    public static String formEncoded(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Up to {@code max - 1} pairs {@code name=value}, each name and value picked from a sender's vocabulary, encoded. */
    public static List<String> pairs(Random random, int max, String[] names, String[] values) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0, n = random.nextInt(max); i < n; i++) {
            pairs.add(formEncoded(pick(random, names)) + "=" + formEncoded(pick(random, values)));
        }
        return pairs;
    }

    /** Sets a generated JSON field to {@code value}, keeping its type (null, numbers, booleans, else text). */
    public static void put(ObjectNode node, String key, Object value) {
        if (value == null) {
            node.putNull(key);
        } else if (value instanceof Integer i) {
            node.put(key, i);
        } else if (value instanceof Long l) {
            node.put(key, l);
        } else if (value instanceof Double d) {
            node.put(key, d);
        } else if (value instanceof Boolean b) {
            node.put(key, b);
        } else {
            node.put(key, value.toString());
        }
    }


    /** One of {@code from}, picked by {@code random}. */
    public static <T> T pick(Random random, T[] from) {
        return from[random.nextInt(from.length)];
    }
}
