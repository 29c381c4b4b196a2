package ru.metricarelay.metrica.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * POST /admin/provision and the provision command: every change, in order; {@code checks} only when the
 * counter could not be read or changed at all (the token, the counter), so nothing was planned.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"ok", "dry_run", "changes", "checks"})
public record ProvisionReport(@JsonProperty("dry_run") boolean dryRun, @JsonInclude(JsonInclude.Include.ALWAYS) List<Change> changes,
        List<Check> checks) {

    public ProvisionReport {
        changes = List.copyOf(changes);
        checks = List.copyOf(checks);
    }

    /** Nothing failed or is left for a human. */
    @JsonProperty("ok")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public boolean ok() {
        return !failed();
    }

    /** Whether something is left undone: the provision command then exits non-zero. */
    @JsonIgnore
    public boolean failed() {
        return changes.stream().anyMatch(Change::failed) || checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
    }
}
