package ru.metricarelay;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMapping.NamingStrategy;
import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappingInterface.GroupProperty;
import io.smallrye.config.ConfigMappingInterface.Property;

/**
 * Every configuration key of the relay as SmallRye Config itself reads it: the @ConfigMapping interfaces walked with
 * SmallRye's own mapping metadata ({@link ConfigMappingInterface}: @WithName, @WithParentName, the naming strategy,
 * nested groups, maps), not derived from method names. docs/configuration.md is generated from these keys
 * (ConfigurationDocTest) and every documented variable is proven to set its key (ConfigurationEnvTest).
 */
final class ConfigKeys {

    /**
     * One key. {@code name}: as in application.properties ("relay.queue.path"; a map's entries end in ".*");
     * {@code getters}: the calls from the mapping object to its value.
     */
    record Key(Class<?> mapping, String name, List<Method> getters, Property property) {

        Method method() {
            return getters.get(getters.size() - 1);
        }

        boolean isMap() {
            return property.isMap();
        }

        /** The key without a map's ".*". */
        String stem() {
            return isMap() ? name.substring(0, name.length() - 2) : name;
        }

        /** The interface's @WithDefault, or null. */
        String defaultValue() {
            return defaultOf(property);
        }
    }

    /** Read once: importing the classes takes seconds. */
    private static final List<Class<?>> MAPPINGS = importMappings();

    private ConfigKeys() {
    }

    /** Every @ConfigMapping interface of the main code: the relay's own first, the senders' last, each by prefix. */
    static List<Class<?>> mappings() {
        return MAPPINGS;
    }

    private static List<Class<?>> importMappings() {
        return new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("ru.metricarelay")
                .stream().filter(c -> c.isAnnotatedWith(ConfigMapping.class)).<Class<?>>map(c -> c.reflect())
                .sorted(Comparator.comparing((Class<?> c) -> prefix(c).startsWith("relay.sources."))
                        .thenComparing(c -> prefix(c).startsWith("relay.") ? 1 : 0)
                        .thenComparing(ConfigKeys::prefix).thenComparing(Class::getSimpleName))
                .toList();
    }

    static String prefix(Class<?> mapping) {
        return mapping.getAnnotation(ConfigMapping.class).prefix();
    }

    /** The keys of one mapping, sorted by name. */
    static List<Key> keys(Class<?> mapping) {
        ConfigMappingInterface type = ConfigMappingInterface.getConfigurationInterface(mapping);
        List<Key> keys = new ArrayList<>();
        walk(mapping, type, prefix(mapping), type.getNamingStrategy(), List.of(), keys);
        keys.sort(Comparator.comparing(Key::name));
        return keys;
    }

    private static void walk(Class<?> mapping, ConfigMappingInterface type, String prefix, NamingStrategy naming,
            List<Method> getters, List<Key> out) {
        for (Property p : type.getProperties()) {
            String name = p.isParentPropertyName() ? prefix : prefix + "." + p.getPropertyName(naming);
            List<Method> path = new ArrayList<>(getters);
            path.add(p.getMethod());
            Property inner = p.isOptional() ? p.asOptional().getNestedProperty() : p;
            if (inner.isGroup()) {
                GroupProperty group = inner.asGroup();
                walk(mapping, group.getGroupType(), name, group.hasNamingStrategy() ? group.getNamingStrategy() : naming,
                        List.copyOf(path), out);
            } else if (p.isMap()) {
                if (p.asMap().getValueProperty().isGroup()) {
                    throw new IllegalStateException(name + ": a map of groups; teach ConfigKeys (and the doc) its keys");
                }
                out.add(new Key(mapping, name + ".*", List.copyOf(path), p));
            } else {
                out.add(new Key(mapping, name, List.copyOf(path), p));
            }
        }
    }

    private static String defaultOf(Property p) {
        if (p.hasDefaultValue()) {
            return p.getDefaultValue();
        }
        if (p.isOptional()) {
            return defaultOf(p.asOptional().getNestedProperty());
        }
        return p.isCollection() ? defaultOf(p.asCollection().getElement()) : null;
    }

    /**
     * The environment variable SmallRye maps to a key: upper case, every character that is not a letter or digit
     * becomes _ (relay.queue.path → RELAY_QUEUE_PATH). Placeholders such as &lt;source&gt; are kept.
     */
    static String env(String key) {
        StringBuilder out = new StringBuilder();
        for (String part : key.split("(?=<)|(?<=>)")) {
            out.append(part.startsWith("<") ? part.toUpperCase(Locale.ROOT)
                    : part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
        }
        return out.toString();
    }
}
