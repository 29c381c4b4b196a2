package ru.metricarelay.relay.flush;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;
import ru.metricarelay.event.Identity;
import ru.metricarelay.event.Mask;
import ru.metricarelay.event.Routed;
import ru.metricarelay.queue.DeadRow;

/**
 * One dead row as an operator sees it (GET /queue/dead): why it is there and what it is, phones and e-mails masked;
 * an entry that is not a record shows its first characters, masked.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DeadView(@JsonProperty("moved_at") Instant movedAt, String reason, @JsonProperty("answer_status") Integer answerStatus,
        String error, @JsonProperty("event_id") String eventId, String source, String output,
        @JsonProperty("received_at") Instant receivedAt, @JsonProperty("order_status") String orderStatus, BigDecimal revenue,
        String currency, @JsonProperty("client_id") String clientId, String yclid, List<String> phones, List<String> emails,
        String entry) {

    /** How much of an unreadable entry is shown. */
    private static final int ENTRY_CHARS = 300;

    static DeadView of(DeadRow row) {
        DeadRow.Why why = row.why();
        Integer status = why.answerStatus() == 0 ? null : why.answerStatus();
        String error = Mask.text(why.error());
        if (row.record() == null) {
            String body = row.body() == null ? "" : row.body();
            return new DeadView(row.movedAt(), reason(why), status, error, null, null, null, null, null, null, null, null, null,
                    null, null, Mask.text(body.length() > ENTRY_CHARS ? body.substring(0, ENTRY_CHARS) + "…" : body));
        }
        Routed r = row.record().routed();
        Identity id = r.event().identity();
        return new DeadView(row.movedAt(), reason(why), status, error, r.eventId(), r.source(), r.output().name(),
                row.record().receivedAt(), r.orderStatus(), r.revenue(), r.currency(), id.clientId(), id.yclid(),
                id.phones().stream().map(Mask::phone).toList(), id.emails().stream().map(Mask::email).toList(), null);
    }

    private static String reason(DeadRow.Why why) {
        return why.reason().name().toLowerCase(java.util.Locale.ROOT);
    }
}
