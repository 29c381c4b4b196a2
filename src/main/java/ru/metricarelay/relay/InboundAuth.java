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
     * Operator endpoints (/replay, /admin/*, /queue): the secret in X-Relay-Secret only (an operator's
     * call, not a sender's), and refused outright when no RELAY_SECRET is set, even in dry-run and with
     * RELAY_ALLOW_UNAUTHENTICATED: they reveal and change the counter's setup and show or re-send personal data.
     */
    public void checkOperator(String headerSecret, String what) {
        if (!enabled()) {
            throw RelayProblem.unauthorized(what + " needs RELAY_SECRET to be set");
        }
        check(null, headerSecret);
    }

    /**
     * Whether {@code secret} opens the operator page (GET /admin/, HTTP Basic's password): one of the configured
     * secrets, compared as {@link #check} does; never when no RELAY_SECRET is set. The page answers 401 itself,
     * with the header that makes a browser ask for the password.
     */
    public boolean opensOperatorPage(String secret) {
        return enabled() && secrets.matches(secret);
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
