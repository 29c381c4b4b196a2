package ru.metricarelay.metrica.setup;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One thing provision did, would do (dry run) or could not do. {@code action}: would_create, created,
 * would_enable, enabled, would_map, mapped, manual (a human must act: provision never edits your
 * goals), failed. {@code verified}: the read-back after writing saw it (null when nothing was written).
 */
@RegisterForReflection
public record Change(String what, String name, String action, String detail, Boolean verified) {

    boolean failed() {
        return "failed".equals(action) || "manual".equals(action) || Boolean.FALSE.equals(verified);
    }

    Change verified(boolean seen) {
        return new Change(what, name, action, detail, seen);
    }

    Change failed(String why) {
        return new Change(what, name, "failed", why, null);
    }
}
