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
 * {@code text}: for a sender that reads plain text (VK's "ok"), the whole body instead of this JSON; {@code instead}:
 * the refusal such a sender was answered {@code text} in place of (kept for the log and /admin/deliveries).
 */
@RegisterForReflection
public record RelayResponse(@JsonProperty("dry_run") boolean dryRun, List<Result> results,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> requests,
        @JsonIgnore Map<String, Object> extras, @JsonIgnore String text, @JsonIgnore RelayProblem instead) {

    public RelayResponse(boolean dryRun, List<Result> results, List<Map<String, Object>> requests, Map<String, Object> extras) {
        this(dryRun, results, requests, extras, null, null);
    }

    /** This answer as plain text (null: as JSON). */
    public RelayResponse withText(String body) {
        return new RelayResponse(dryRun, results, requests, extras, body, instead);
    }

    /** The plain-text answer given in place of {@code refused}: its results are the refusal's (a 502 lists them). */
    public static RelayResponse instead(RelayProblem refused, boolean dryRun, String body) {
        return new RelayResponse(dryRun, refused.results() == null ? List.of() : refused.results(), null, null, body, refused);
    }

    @JsonAnyGetter
    public Map<String, Object> extraFields() {
        return extras == null ? Map.of() : new LinkedHashMap<>(extras);
    }
}
