package ru.metricarelay.answer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The 200 answer: {"dry_run":..., "results":[...]} plus any fields the sender itself expects. {@code requests}: in
 * dry-run, the Metrica requests that carry several events of the webhook, listed once; those results point at them
 * by position ({@link Result#requestRefs()}, docs/architecture.md#answers). Absent when empty.
 */
@RegisterForReflection
public record RelayResponse(@JsonProperty("dry_run") boolean dryRun, List<Result> results,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> requests,
        @JsonIgnore Map<String, Object> extras) {

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extras == null ? Map.of() : new LinkedHashMap<>(extras);
    }
}
