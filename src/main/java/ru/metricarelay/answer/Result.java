package ru.metricarelay.answer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of one event (docs/architecture.md#answers). {@code request} — the exact Metrica requests that carry it, in
 * order — only in dry-run; {@code error} only when its Metrica call failed.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Result(@JsonProperty("event_id") String eventId, String source, String action, String reason,
        @JsonProperty("uploading_id") String uploadingId, List<Map<String, Object>> request, String error) {
}
