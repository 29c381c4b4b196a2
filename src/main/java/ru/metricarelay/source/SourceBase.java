package ru.metricarelay.source;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import io.smallrye.mutiny.Uni;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.InboundRequest;
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

    protected SourceBase(String name, C config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SourceSettings settings() {
        return config;
    }

    /** The zone of this sender's local date-times: relay.sources.&lt;name&gt;.time-zone, else the counter's. */
    protected ZoneId zone(ZoneId counterZone) {
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
