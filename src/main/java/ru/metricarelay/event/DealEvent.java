package ru.metricarelay.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The canonical event every adapter produces: who (identity), which deal (id, account), what
 * happened (raw source status, money, times, goals) and, for calls and chats, their details.
 * Routing decides what Metrica record it becomes.
 *
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 *
 * @param eventId    deterministic: {@code <source>:<account>:<deal id>}, so a resent webhook replaces
 * @param status     the sender's own status value (amoCRM status_id, Bitrix stage semantic); mapped by routing
 * @param createdAt  when the deal/lead was created (CDP create_date_time); null = receipt time
 * @param occurredAt when this event happened (status change, call, message); null = receipt time
 * @param output     the record the sender asked for (generic senders may choose per event); null = the source's setting
 */
@RegisterForReflection
public record DealEvent(
        @JsonProperty("eventId") String eventId, @JsonProperty("source") String source,
        @JsonProperty("account") String account, @JsonProperty("dealId") String dealId,
        @JsonProperty("identity") Identity identity, @JsonProperty("status") String status,
        @JsonProperty("revenue") BigDecimal revenue, @JsonProperty("cost") BigDecimal cost,
        @JsonProperty("currency") String currency, @JsonProperty("createdAt") Instant createdAt,
        @JsonProperty("occurredAt") Instant occurredAt, @JsonProperty("goals") List<Goal> goals,
        @JsonProperty("call") PhoneCall call, @JsonProperty("chat") Chat chat,
        @JsonProperty("output") Output output) implements SourceItem {
    public DealEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        identity = identity == null ? Identity.NONE : identity;
        goals = goals == null ? List.of() : List.copyOf(goals);
    }

    /** The same event with another identity (one the relay found beyond the adapter's fields). */
    public DealEvent withIdentity(Identity other) {
        return new DealEvent(eventId, source, account, dealId, other, status, revenue, cost, currency, createdAt,
                occurredAt, goals, call, chat, output);
    }

    public static Builder builder(String source, String account, String dealId) {
        return new Builder(source, account, dealId);
    }

    /** {@code <source>:<account>:<id>}: the order id and event id (docs/architecture.md#ids). */
    public static String eventId(String source, String account, String id) {
        return source + ":" + account + ":" + id;
    }

    public static final class Builder {
        private final String source;
        private final String account;
        private final String dealId;
        private Identity identity = Identity.NONE;
        private String status;
        private BigDecimal revenue;
        private BigDecimal cost;
        private String currency;
        private Instant createdAt;
        private Instant occurredAt;
        private final List<Goal> goals = new ArrayList<>();
        private PhoneCall call;
        private Chat chat;
        private Output output;

        private Builder(String source, String account, String dealId) {
            this.source = source;
            this.account = account;
            this.dealId = dealId;
        }

        public Builder identity(Identity v) { identity = v; return this; }
        public Builder status(String v) { status = v; return this; }
        public Builder revenue(BigDecimal v) { revenue = v; return this; }
        public Builder cost(BigDecimal v) { cost = v; return this; }
        public Builder currency(String v) { currency = v; return this; }
        public Builder createdAt(Instant v) { createdAt = v; return this; }
        public Builder occurredAt(Instant v) { occurredAt = v; return this; }
        /** Created and happened at once (a call, a form): both times. */
        public Builder at(Instant v) { createdAt = v; occurredAt = v; return this; }
        public Builder goal(Goal v) { goals.add(v); return this; }
        public Builder call(PhoneCall v) { call = v; return this; }
        public Builder chat(Chat v) { chat = v; return this; }
        public Builder output(Output v) { output = v; return this; }

        public DealEvent build() {
            return new DealEvent(eventId(source, account, dealId), source, account, dealId, identity, status,
                    revenue, cost, currency, createdAt, occurredAt, goals, call, chat, output);
        }
    }
}
