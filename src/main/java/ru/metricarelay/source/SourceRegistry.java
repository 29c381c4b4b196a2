package ru.metricarelay.source;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** All adapters by their /hooks/{source} name. */
@Singleton
public class SourceRegistry {

    private final Map<String, SourceAdapter> byName;

    @Inject
    public SourceRegistry(@Any Instance<SourceAdapter> adapters) {
        this.byName = adapters.stream()
                .collect(Collectors.toMap(SourceAdapter::name, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("two adapters named " + a.name());
                }, TreeMap::new));
    }

    public Optional<SourceAdapter> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The names, in order. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** Every adapter, in the order of their names. */
    public java.util.Collection<SourceAdapter> all() {
        return byName.values();
    }
}
