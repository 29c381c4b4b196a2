package ru.metricarelay.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.BodyReader;
import ru.metricarelay.source.ReceiptClock;
import ru.metricarelay.source.SourceAdapter;

/**
 * Source adapters outside Quarkus: a real config mapping built from the shipped
 * application.properties (its %test keys left out) plus test-specific keys, and requests parsed by
 * the relay's own {@link BodyReader}, so unit tests see what the relay would. No Quarkus boot.
 */
public final class Sources {

    public static final Instant RECEIVED = Instant.parse("2025-06-01T09:00:00Z");
    private static final BodyReader BODIES = new BodyReader(TestConfigs.Relay.defaults(), new ReceiptClock() {
        @Override
        public Instant now() {
            return RECEIVED;
        }
    });

    private Sources() {
    }

    /** The mapping under {@code prefix} as shipped, with {@code keyValues} (keys without the prefix) on top. */
    public static <T> T config(Class<T> type, String prefix, String... keyValues) {
        Map<String, String> props = new HashMap<>();
        shipped().forEach((k, v) -> {
            if (k.startsWith(prefix + ".")) {
                props.put(k, v);
            }
        });
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(prefix + "." + keyValues[i], keyValues[i + 1]);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(type)
                .withSources(new PropertiesConfigSource(props, "unit-test", 500))
                .build();
        return config.getConfigMapping(type);
    }

    /** A POST as the relay reads it: body parsed by content type; headers as name, value pairs. */
    public static InboundRequest request(String source, String contentType, String body, String... headers) {
        Map<String, String> map = new LinkedHashMap<>();
        if (contentType != null) {
            map.put("content-type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i].toLowerCase(Locale.ROOT), headers[i + 1]);
        }
        return BODIES.read(source, "POST", map, null, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with a query string, as senders that use GET send it. */
    public static InboundRequest get(String source, String query) {
        return BODIES.read(source, "GET", Map.of(), query, new byte[0]);
    }

    /** What the relay does with a request once it is parsed: the source's own check, then reading. */
    public static List<SourceItem> read(SourceAdapter adapter, InboundRequest request) {
        adapter.authenticate(request);
        return adapter.read(request).await().indefinitely();
    }

    public static String resource(String path) {
        try (InputStream in = Sources.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> shipped() {
        Properties properties = new Properties();
        try (InputStream in = Sources.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().stream().filter(k -> !k.startsWith("%"))
                .forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }
}
