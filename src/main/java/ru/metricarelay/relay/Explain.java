package ru.metricarelay.relay;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import ru.metricarelay.answer.Result;
import ru.metricarelay.event.IdentityNote;

/**
 * Tells in the answer and in the log how each event's identity was found, or where the relay
 * looked when there was none (docs/architecture.md#identity): an IGNORED/no_identity event must
 * never be a silent loss.
 */
final class Explain {

    private static final Logger LOG = Logger.getLogger(Explain.class);
    static final String NO_IDENTITY = "no_identity";

    private Explain() {
    }

    static List<Result> identities(List<Result> results, Map<String, IdentityNote> notes) {
        return results.stream().map(r -> explained(r, notes.get(r.eventId()))).toList();
    }

    private static Result explained(Result r, IdentityNote note) {
        if (note == null) {
            return r;
        }
        if (NO_IDENTITY.equals(r.reason())) {
            LOG.infof("ignored event_id=%s source=%s reason=%s looked_at=%s invalid_identity=%s", r.eventId(), r.source(),
                    r.reason(), String.join(",", note.lookedAt()), String.join(",", note.invalid()));
            return r.explained(null, note.lookedAt(), note.invalid());
        }
        if (note.from() != null) {
            LOG.infof("identity event_id=%s source=%s identity_from=%s", r.eventId(), r.source(), note.from());
            return r.explained(note.from(), null, null);
        }
        return r;
    }
}
