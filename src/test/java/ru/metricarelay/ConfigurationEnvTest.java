package ru.metricarelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;
import ru.metricarelay.ConfigKeys.Key;
import ru.metricarelay.source.amocrm.AmocrmConfig;
import ru.metricarelay.source.bitrix24.Bitrix24Config;

/**
 * Every environment variable the docs name really sets its key (issue #20, finding 12: docs/configuration.md listed
 * RELAY_PATH and RELAY_SYNC, which set nothing). Each key is set once by its variable and once by its own name in a
 * SmallRyeConfig built like the relay's (the shipped application.properties under the environment, Quarkus'
 * converters) and read back through its mapping: both must give the same value, and not the value it had before.
 */
class ConfigurationEnvTest {

    /** A new map entry's key, as a variable alone can make it (lower case: see docs/configuration.md). */
    static final String NEW_ENTRY = "sample7";
    /** Names of the product contract that are not a key's derived name, each with its own proof (below, RelayConfigFileTest). */
    static final Set<String> NOT_KEYS = Set.of("PORT", "QUARKUS_HTTP_PORT", "RELAY_CONFIG");
    static final Map<String, String> SHIPPED = shipped();

    @Test
    void theKeysAreTheOnesSmallRyeReads() {
        for (Class<?> mapping : ConfigKeys.mappings()) {
            Set<String> smallrye = ConfigMappings.getProperties(ConfigMappings.ConfigClass.configClass(mapping, ConfigKeys.prefix(mapping)))
                    .keySet().stream().filter(n -> !n.endsWith("[*]")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(smallrye, ConfigKeys.keys(mapping).stream().map(Key::name).collect(Collectors.toCollection(TreeSet::new)),
                    mapping.getSimpleName());
        }
    }

    @Test
    void everyDocumentedVariableSetsItsKey() throws Exception {
        Set<String> proven = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        for (Class<?> mapping : ConfigKeys.mappings()) {
            Object before = config(mapping, Map.of(), Map.of()).getConfigMapping(mapping);
            for (Key k : ConfigKeys.keys(mapping)) {
                for (String key : settable(k)) {
                    String entry = k.isMap() ? key.substring(k.stem().length() + 1) : null;
                    Object base = read(before, k, entry);
                    String value = null;
                    Object viaKey = base;
                    for (var candidates = candidates(k, key).iterator(); Objects.equals(viaKey, base); ) {
                        assertTrue(candidates.hasNext(), key + ": every sample value equals its value without it, " + base);
                        value = candidates.next(); // a value of the key's type that differs from the one it has without it
                        viaKey = read(config(mapping, Map.of(), Map.of(key, value)).getConfigMapping(mapping), k, entry);
                    }
                    String env = ConfigKeys.env(key);
                    Object viaEnv = read(config(mapping, Map.of(env, value), Map.of()).getConfigMapping(mapping), k, entry);
                    if (Objects.equals(viaKey, viaEnv)) {
                        proven.add(env);
                    } else {
                        wrong.add(env + "=" + value + " does not set " + key + " (" + viaEnv + ", not " + viaKey + ")");
                    }
                }
            }
        }
        List<String> sources = ConfigurationDocTest.sources().stream().map(s -> s.toUpperCase(Locale.ROOT)).toList();
        for (String documented : documented()) {
            List<String> names = documented.contains("<SOURCE>")
                    ? sources.stream().map(s -> documented.replace("<SOURCE>", s)).toList() : List.of(documented);
            for (String name : names) {
                String concrete = name.replace(ConfigurationDocTest.ENV_MAP_KEY, NEW_ENTRY.toUpperCase(Locale.ROOT));
                if (!proven.contains(concrete) && !NOT_KEYS.contains(concrete)) {
                    wrong.add(concrete + " is documented but sets no key");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The names fixed by the product contract (README, docs/architecture.md#configuration). */
    @Test
    void theContractsNamesAreTheDerivedOnesExceptPort() {
        Set<String> keys = ConfigKeys.mappings().stream().flatMap(m -> ConfigKeys.keys(m).stream()).map(Key::name)
                .collect(Collectors.toSet());
        Map.of("METRICA_TOKEN", "metrica.token", "METRICA_COUNTER_ID", "metrica.counter-id", "METRICA_API_URL", "metrica.api-url",
                "METRICA_TIMEZONE", "metrica.timezone", "RELAY_SECRET", "relay.secret", "RELAY_DRY_RUN", "relay.dry-run",
                "RELAY_ALLOW_UNAUTHENTICATED", "relay.allow-unauthenticated").forEach((env, key) -> {
                    assertTrue(keys.contains(key), key + " is gone: " + env + " would set nothing");
                    assertEquals(env, ConfigKeys.env(key));
                });
        // PORT is no key of ours: application.properties has quarkus.http.port=${PORT:8080}
        assertEquals(9090, config(null, Map.of("PORT", "9090"), Map.of()).getValue("quarkus.http.port", Integer.class));
        assertEquals(9191, config(null, Map.of("PORT", "9090", "QUARKUS_HTTP_PORT", "9191"), Map.of())
                .getValue("quarkus.http.port", Integer.class));
        assertEquals(8080, config(null, Map.of(), Map.of()).getValue("quarkus.http.port", Integer.class));
    }

    /** docs/configuration.md#environment-variables: a variable alone names a map entry in lower case. */
    @Test
    void aNewMapEntryFromTheEnvironmentHasALowerCaseKey() {
        AmocrmConfig amocrm = config(AmocrmConfig.class, Map.of("RELAY_SOURCES_AMOCRM_GOALS_PAID", "deal_won"), Map.of())
                .getConfigMapping(AmocrmConfig.class);
        assertEquals(Map.of("paid", List.of("deal_won")), amocrm.goals(), "no status is called paid: this goal is never sent");
        // an entry the file (here application.properties) already has keeps its case
        Bitrix24Config bitrix24 = config(Bitrix24Config.class, Map.of("RELAY_SOURCES_BITRIX24_STATUS_MAP_S", "IN_PROGRESS"), Map.of())
                .getConfigMapping(Bitrix24Config.class);
        assertEquals("IN_PROGRESS", bitrix24.statusMap().get("S"));
    }

    /** The shipped properties under the environment, as Quarkus orders them; {@code mapping} may be null. */
    static SmallRyeConfig config(Class<?> mapping, Map<String, String> env, Map<String, String> keys) {
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder().addDefaultInterceptors().withValidateUnknown(false)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withConverter(MemorySize.class, 200, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(SHIPPED, "application.properties", 250),
                        new PropertiesConfigSource(keys, "keys", 275), new EnvConfigSource(env, 300));
        return (mapping == null ? builder : builder.withMapping(mapping)).build();
    }

    /** The concrete names of a key: itself; for a map, a new entry and every shipped one. */
    static List<String> settable(Key k) {
        if (!k.isMap()) {
            return List.of(k.name());
        }
        List<String> names = new ArrayList<>(List.of(k.stem() + "." + NEW_ENTRY));
        SHIPPED.keySet().stream().filter(n -> n.startsWith(k.stem() + ".")).sorted().forEach(names::add);
        return names;
    }

    static Object read(Object mapping, Key k, String entry) throws Exception {
        Object value = mapping;
        for (Method getter : k.getters()) {
            getter.setAccessible(true);
            value = getter.invoke(value);
            value = value instanceof Optional<?> o ? o.orElse(null) : value;
            if (value == null) {
                return null;
            }
        }
        return k.isMap() ? ((Map<?, ?>) value).get(entry) : value;
    }

    /** Two or more values of the key's type (of one element, for lists and maps). */
    static List<String> candidates(Key k, String key) {
        Class<?> type = leaf(k.method().getGenericReturnType());
        if (type.isEnum()) {
            return Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        }
        return switch (type.getName()) {
            case "java.lang.String" -> List.of("sample-7", "sample-8");
            case "boolean", "java.lang.Boolean" -> List.of("true", "false");
            case "int", "java.lang.Integer", "long", "java.lang.Long" -> List.of("7", "8");
            case "double", "java.lang.Double" -> List.of("0.25", "0.75");
            case "java.time.Duration" -> List.of("7s", "8s");
            case "io.quarkus.runtime.configuration.MemorySize" -> List.of("7K", "8K");
            case "java.nio.file.Path" -> List.of("sample-7.db", "sample-8.db");
            case "java.time.ZoneId" -> List.of("Asia/Tokyo", "Europe/Samara");
            default -> throw new AssertionError(key + ": no sample value for " + type + "; add one to ConfigurationEnvTest");
        };
    }

    /** The type one value is written in: Optional, List and a Map's value unwrapped. */
    static Class<?> leaf(Type t) {
        if (t instanceof ParameterizedType p) {
            Type[] args = p.getActualTypeArguments();
            return leaf(args[args.length - 1]);
        }
        return (Class<?>) t;
    }

    /** The environment variables docs/configuration.md and README name: every cell of a table's "(environment) variable" column. */
    static Set<String> documented() throws IOException {
        Set<String> names = new TreeSet<>();
        Pattern name = Pattern.compile("`([A-Z][A-Z0-9_]*(?:_<[^`]+)?)`");
        for (String doc : List.of("docs/configuration.md", "README.md")) {
            List<String> lines = Files.readAllLines(Path.of(doc), StandardCharsets.UTF_8);
            int column = -1;
            for (int i = 0; i < lines.size(); i++) {
                List<String> cells = Arrays.stream(lines.get(i).split("(?<!\\\\)\\|")).map(String::trim).toList();
                if (!lines.get(i).startsWith("|")) {
                    column = -1;
                } else if (i + 1 < lines.size() && lines.get(i + 1).startsWith("|---")) {
                    column = Math.max(cells.indexOf("variable"), cells.indexOf("environment variable"));
                } else if (column > 0 && column < cells.size()) {
                    Matcher m = name.matcher(cells.get(column));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    static Map<String, String> shipped() {
        try {
            Map<String, String> map = new HashMap<>();
            ConfigurationDocTest.shipped().forEach((k, v) -> map.put((String) k, (String) v));
            return new TreeMap<>(map);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
