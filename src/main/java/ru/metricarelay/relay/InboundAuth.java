package ru.metricarelay.relay;

import java.util.List;

import jakarta.inject.Singleton;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.config.SecretSet;

/**
 * The relay's own shared secret (docs/architecture.md#inbound-http): from X-Relay-Secret or the /hooks/{source}/{secret} path,
 * matched in constant time against every configured secret ({@link SecretSet}).
 */
@Singleton
public class InboundAuth {

    private final SecretSet secrets;

    public InboundAuth(RelayConfig relay) {
        this.secrets = SecretSet.of(relay.secret().orElse(List.of()));
    }

    public boolean enabled() {
        return !secrets.isEmpty();
    }

    /**
     * An operator's call (/replay, /admin/*, /queue): only the X-Relay-Secret header counts, and a
     * relay without RELAY_SECRET refuses it even in dry-run — these show or move personal data.
     */
    public void operator(String headerSecret, String what) {
        if (!enabled()) {
            throw RelayProblem.unauthorized(what + " needs RELAY_SECRET to be set");
        }
        check(null, headerSecret);
    }

    public void check(String pathSecret, String headerSecret) {
        if (!enabled()) {
            return;
        }
        if (pathSecret == null && headerSecret == null) {
            throw RelayProblem.unauthorized("missing secret: send X-Relay-Secret or post to /hooks/{source}/{secret}");
        }
        boolean ok = secrets.matches(pathSecret) | secrets.matches(headerSecret); // no short-circuit: same work either way
        if (!ok) {
            throw RelayProblem.unauthorized("wrong secret");
        }
    }
}
