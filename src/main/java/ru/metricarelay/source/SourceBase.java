package ru.metricarelay.source;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;

/**
 * What every adapter that reads its webhook without I/O shares: its name, its settings ({@code C}), and a
 * {@link #read} that is just {@link #parse}. (Bitrix24, which fetches the deal, implements
 * {@link SourceAdapter} itself.)
 */
public abstract class SourceBase<C extends SourceSettings> implements SourceAdapter {

    private final String name;
    /** This source's own settings (relay.sources.&lt;name&gt;.*). */
    protected final C config;
    /** The zone of this sender's local date-times: relay.sources.&lt;name&gt;.time-zone, else the counter's. */
    protected final ZoneId zone;

    /** For a sender whose times may be local (no offset): they are read in {@link #zone}. */
    protected SourceBase(String name, C config, ZoneId counterZone) {
        this.name = name;
        this.config = config;
        this.zone = zone(name, config, counterZone);
    }

    /** For a sender whose times always carry their offset (epoch seconds, ISO with offset). */
    protected SourceBase(String name, C config) {
        this(name, config, ZoneOffset.UTC);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SourceSettings settings() {
        return config;
    }

    /** The request's body as one JSON object; otherwise a 422 naming {@code field} and what was {@code expected}. */
    protected static JsonNode object(InboundRequest request, String field, String expected) {
        JsonNode body = request.payload();
        if (!body.isObject()) {
            throw RelayProblem.unprocessable(field, "expected " + expected);
        }
        return body;
    }

    /** The id of this sender's event: {@code <source>:<account>:<id>} (docs/architecture.md#ids). */
    protected final String eventId(String account, String id) {
        return DealEvent.eventId(name, account, id);
    }

    /** An entry of this sender's webhook that the relay does not send, and why (it is answered IGNORED). */
    protected final Skipped skipped(String account, String id, String reason) {
        return new Skipped(eventId(account, id), name, reason);
    }

    private static ZoneId zone(String name, SourceSettings config, ZoneId counterZone) {
        String key = "relay.sources." + name + ".time-zone";
        return config.timeZone().map(String::trim).filter(z -> !z.isEmpty()).map(z -> {
            try {
                return ZoneId.of(z);
            } catch (DateTimeException e) {
                throw new IllegalStateException(key + "=" + z + " is not a time zone such as Europe/Moscow");
            }
        }).orElse(counterZone);
    }

    @Override
    public final Uni<List<SourceItem>> read(InboundRequest request) {
        return Uni.createFrom().item(() -> parse(request));
    }

    /**
     * The webhook's events (one per deal, lead, call, message) and skipped entries. Throw
     * {@code RelayProblem.unprocessable(field, ...)} for a readable request this source cannot accept.
     */
    protected abstract List<SourceItem> parse(InboundRequest request);
}
