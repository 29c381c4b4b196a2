package ru.metricarelay.answer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What became of one event (docs/architecture.md#answers). {@code request} — the exact Metrica requests that carry it, in
 * order — only in dry-run, and only when those requests carry no other event of the webhook; when they do (an amoCRM
 * batch), the answer lists them once and {@code requestRefs} gives their positions in that list, so the answer grows
 * with the batch, not with its square. {@code error} only when its Metrica call failed. {@code identityFrom}: the
 * field a ClientId was found in when the sender's own field had none; on IGNORED/no_identity,
 * {@code lookedAt} and {@code invalidIdentity} say where the relay looked (docs/architecture.md#identity).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Result(@JsonProperty("event_id") String eventId, String source, String action, String reason,
        @JsonProperty("uploading_id") String uploadingId, List<Map<String, Object>> request,
        @JsonProperty("request_refs") List<Integer> requestRefs, String error,
        @JsonProperty("identity_from") String identityFrom, @JsonProperty("looked_at") List<String> lookedAt,
        @JsonProperty("invalid_identity") List<String> invalidIdentity) {

    public Result(String eventId, String source, String action, String reason, String uploadingId,
            List<Map<String, Object>> request, String error) {
        this(eventId, source, action, reason, uploadingId, request, null, error, null, null, null);
    }

    /** This result with how its identity was looked for. */
    public Result explained(String from, List<String> looked, List<String> invalid) {
        return new Result(eventId, source, action, reason, uploadingId, request, requestRefs, error, from, looked, invalid);
    }

    /** This result pointing at the shared requests of the answer instead of carrying its own. */
    public Result referring(List<Integer> refs) {
        return new Result(eventId, source, action, reason, uploadingId, null, refs, error, identityFrom, lookedAt, invalidIdentity);
    }
}
