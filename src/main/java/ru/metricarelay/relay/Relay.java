package ru.metricarelay.relay;

import java.util.List;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.RelayResponse;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.config.SecretSet;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Routed;
import ru.metricarelay.routing.Router;
import ru.metricarelay.source.BodyReader;
import ru.metricarelay.source.IdentityDiscovery.Discovery;
import ru.metricarelay.source.IdentityDiscovery;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceRegistry;

/**
 * One webhook, end to end: source → relay secret → body → source-native auth → events → routing →
 * Metrica (or dry-run), all inside the per-request deadline (docs/architecture.md#calling-metrica).
 */
@Singleton
public class Relay {

    private static final Logger LOG = Logger.getLogger(Relay.class);
    /** What a rehearsal offers as the relay secret: refused like any wrong secret, after the same comparison. */
    private static final String REHEARSAL = "snapstart-priming";

    private final SourceRegistry sources;
    private final InboundAuth auth;
    private final BodyReader bodies;
    private final Router router;
    private final Dispatcher dispatcher;
    private final RelayConfig relay;
    /** Dry-run shows the requests; queued stores and answers at once (docs/architecture.md#queued-delivery). */
    private final DeliveryMode mode;

    public Relay(SourceRegistry sources, InboundAuth auth, BodyReader bodies, Router router, Dispatcher dispatcher,
            RelayConfig relay, DeliveryMode mode) {
        this.sources = sources;
        this.auth = auth;
        this.bodies = bodies;
        this.router = router;
        this.dispatcher = dispatcher;
        this.relay = relay;
        this.mode = mode;
    }

    /**
     * One webhook, its path already parsed by the web layer: the secret from the path (null: the header's) and the
     * sender's own sub-path (null: none).
     */
    public Uni<RelayResponse> handle(String source, String pathSecret, String subPath, String method, Map<String, String> headers,
            String rawQuery, byte[] body) {
        return handle(adapter(source), pathSecret, subPath, method, headers, rawQuery, body);
    }

    private SourceAdapter adapter(String source) {
        return sources.find(source).orElseThrow(() -> RelayProblem.notFound(
                (SecretSet.isShowable(source) ? "unknown source '" + source + "'" : "unknown source (not shown: it may be a secret)")
                        + "; known sources: " + String.join(", ", sources.names())));
    }

    /**
     * A sender that reads plain text (VK) gets its text in place of a refusal it would resend in vain
     * ({@link SourceAdapter#textAnswerInstead}); the refusal is logged here and kept in /admin/deliveries.
     */
    private Uni<RelayResponse> handle(SourceAdapter adapter, String pathSecret, String subPath, String method,
            Map<String, String> headers, String rawQuery, byte[] body) {
        return Uni.createFrom().deferred(() -> received(adapter, pathSecret, subPath, method, headers, rawQuery, body))
                .onFailure(f -> f instanceof RelayProblem p && adapter.textAnswerInstead(p) != null)
                .recoverWithItem(f -> answeredInstead(adapter, (RelayProblem) f));
    }

    private RelayResponse answeredInstead(SourceAdapter adapter, RelayProblem refused) {
        String text = adapter.textAnswerInstead(refused);
        LOG.warnf("%s: answered \"%s\" in place of %d, which the sender would only resend: %s", adapter.name(), text,
                refused.status(), refused.getMessage());
        return RelayResponse.instead(refused, mode.dryRun(), text);
    }

    private Uni<RelayResponse> received(SourceAdapter adapter, String pathSecret, String subPath, String method,
            Map<String, String> headers, String rawQuery, byte[] body) {
        String source = adapter.name();
        auth.check(pathSecret, headers.get("x-relay-secret"));
        InboundRequest request = bodies.read(source, method, headers, rawQuery, body, adapter::repairJson).withSubPath(subPath);
        adapter.authenticate(request);
        Deadline deadline = Deadline.in(relay.deadline());
        return adapter.read(request).chain(items -> {
            Discovery found = IdentityDiscovery.apply(items, request.payload(), adapter.clientIdFields());
            List<Routed> routed = router.route(found.items(), adapter.settings());
            return deliver(routed, request, deadline).map(d -> d.withResults(results -> Explain.identities(results, found.notes())));
        }).map(d -> new RelayResponse(mode.dryRun(), d.results(), d.requests(),
                mode.queued() ? withQueued(adapter.answerExtras(request, d.results())) : adapter.answerExtras(request, d.results()))
                .withText(adapter.textAnswer(request, d.results())));
    }

    /**
     * One webhook rehearsed for SnapStart priming (docs/performance.md#snapstart-priming): the same body reading,
     * parsing, identity discovery, routing and request building as a real webhook, but always as a dry run that
     * nobody counts ({@link Dispatcher#preview}): nothing is sent, stored or queued. The relay secret and the
     * sender's own check both run (their code is part of a first webhook too), and their refusal does not stop
     * the rehearsal: the caller is in-process and its samples carry no secret. Identity notes are left out: they
     * go to the operators' log (relay/Explain), where a rehearsal has no business.
     */
    public Uni<RelayResponse> rehearse(String source, String subPath, Map<String, String> headers, String rawQuery,
            byte[] body) {
        SourceAdapter adapter = adapter(source);
        refusedOrNot(() -> auth.check(REHEARSAL, null));
        InboundRequest request = bodies.read(source, "POST", headers, rawQuery, body, adapter::repairJson).withSubPath(subPath);
        refusedOrNot(() -> adapter.authenticate(request));
        return adapter.read(request).chain(items -> {
            Discovery found = IdentityDiscovery.apply(items, request.payload(), adapter.clientIdFields());
            List<Routed> routed = router.route(found.items(), adapter.settings());
            return dispatcher.preview(routed, request.receivedAt());
        }).map(d -> new RelayResponse(true, d.results(), d.requests(), adapter.answerExtras(request, d.results())));
    }

    private static void refusedOrNot(Runnable check) {
        try {
            check.run();
        } catch (RelayProblem refused) {
            // a 401 to a sample that carries no secret: expected, and nobody is answered
        }
    }

    /** Shown (dry-run), stored for the next flush (queued) or sent now (direct). */
    private Uni<Delivered> deliver(List<Routed> routed, InboundRequest request, Deadline deadline) {
        return mode.dryRun() ? dispatcher.dryRun(routed, request.receivedAt())
                : (mode.queued() ? dispatcher.enqueue(routed, request.receivedAt())
                : dispatcher.send(routed, request.receivedAt(), deadline)).map(Delivered::of);
    }

    private static Map<String, Object> withQueued(Map<String, Object> extras) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("queued", true);
        if (extras != null) {
            all.putAll(extras);
        }
        return all;
    }

    public boolean dryRun() {
        return mode.dryRun();
    }

}
