package ru.metricarelay.answer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The 200 answer: {"dry_run":..., "results":[...]} plus any fields the sender itself expects. */
@RegisterForReflection
public record RelayResponse(@JsonProperty("dry_run") boolean dryRun, List<Result> results,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extras) {

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extras == null ? Map.of() : new LinkedHashMap<>(extras);
    }
}
