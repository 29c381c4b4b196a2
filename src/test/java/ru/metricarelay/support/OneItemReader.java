package ru.metricarelay.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.SourceAdapter;

/**
 * A sender whose every request is one event (one update, one lead, one submission), as its property tests read it:
 * {@link #one} holds that rule, and the three runs every such sender's ParserPropertiesTest makes ({@link Fuzz#events}
 * over random text, mutations of a real sample, and bodies generated from the sender's own vocabulary) are written once.
 *
 * @param unit what one request is called in a failure message ("update", "lead", ...)
 */
public record OneItemReader(SourceAdapter adapter, String contentType, String unit) {

    /** The body as the relay reads it from this sender. */
    public List<SourceItem> read(String body) {
        return Sources.read(adapter, Sources.request(adapter.name(), contentType, body));
    }

    /** The body read, and exactly one item from it. */
    public List<SourceItem> one(String body) {
        List<SourceItem> items = read(body);
        assertEquals(1, items.size(), "one " + unit + ", one item");
        return items;
    }

    /** 600 random strings of up to 300 characters of {@code alphabet}: each read into one item or refused with a 4xx. */
    public Fuzz.Stats randomText(long seed, String alphabet) {
        return Fuzz.events(adapter.name(), Fuzz.strings(seed, 600, alphabet, 300), this::one);
    }

    /** {@code count} mutations of each sample (a test resource), seeds from {@code seed} on: one item or a 4xx. */
    public void mutated(long seed, int count, String... samples) {
        for (int i = 0; i < samples.length; i++) {
            Fuzz.events(adapter.name(), Fuzz.mutations(Sources.resource(samples[i]), seed + i, count), this::one);
        }
    }

    /** 1,500 generated bodies: one item or a 4xx; the stats say how deep the generator reached. */
    public Fuzz.Stats generated(long seed, Function<Random, String> generator) {
        return Fuzz.events(adapter.name(), Fuzz.generate(seed, 1500, generator), this::one);
    }
}
