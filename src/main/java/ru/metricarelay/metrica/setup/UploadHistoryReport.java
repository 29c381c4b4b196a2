package ru.metricarelay.metrica.setup;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** GET /admin/uploads: recent uploads, newest first; {@code errors}: lists Metrica did not give (the others still shown). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record UploadHistoryReport(List<PastUpload> uploads, List<Check> errors) {

    public UploadHistoryReport {
        uploads = List.copyOf(uploads);
        errors = List.copyOf(errors);
    }
}
