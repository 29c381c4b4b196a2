package ru.metricarelay.metrica.setup;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One doctor check (docs/architecture.md#operator-tools): what was checked, how it stands, what was
 * found, and the exact thing to do about it (null when nothing is to be done).
 */
@RegisterForReflection
public record Check(String name, Status status, String detail, String fix) {

    public enum Status {
        OK, WARN, FAIL;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static Check ok(String name, String detail) {
        return new Check(name, Status.OK, detail, null);
    }

    public static Check warn(String name, String detail, String fix) {
        return new Check(name, Status.WARN, detail, fix);
    }

    public static Check fail(String name, String detail, String fix) {
        return new Check(name, Status.FAIL, detail, fix);
    }
}
