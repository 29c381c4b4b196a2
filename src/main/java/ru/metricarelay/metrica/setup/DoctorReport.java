package ru.metricarelay.metrica.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /admin/doctor and the doctor command: every check, in the order they were made. */
@RegisterForReflection
@JsonPropertyOrder({"ok", "checks"})
public record DoctorReport(List<Check> checks) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** This report with one more check. */
    public DoctorReport with(Check check) {
        List<Check> all = new java.util.ArrayList<>(checks);
        all.add(check);
        return new DoctorReport(all);
    }

    /** No check failed (warnings allowed). */
    @JsonProperty("ok")
    public boolean ok() {
        return !failed();
    }

    /** Whether any check failed: the doctor command then exits non-zero. */
    @JsonIgnore
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
    }
}
