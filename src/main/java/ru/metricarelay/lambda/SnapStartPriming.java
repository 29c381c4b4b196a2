package ru.metricarelay.lambda;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.answer.RelayResponse;
import ru.metricarelay.metrica.CallPolicy;
import ru.metricarelay.metrica.MetricaClients;
import ru.metricarelay.relay.Relay;

/**
 * SnapStart priming (docs/performance.md#snapstart-priming). Quarkus' SnapStart support already starts the application
 * and loads and initialises its classes before Lambda's snapshot; this CRaC resource adds what only a webhook does:
 * before the snapshot it rehearses one dry-run webhook per sender through the real pipeline ({@link Relay#rehearse}:
 * body, parser, routing, the Metrica requests, the JSON answer) and builds the Metrica clients and the call policy's
 * guards. It sends nothing, queues nothing, counts no webhook and records no delivery. After a restore it re-reads
 * the environment the snapshot depends on and refuses to serve with a token or secret other than the one it was
 * primed with. Registered only while Lambda initialises a version for its snapshot.
 */
@Singleton
public class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    /** Lambda's initialisation type; {@code snap-start} while it initialises a version for the snapshot. */
    static final String INIT_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    /** A rehearsal never waits on the network; this only bounds a mistake. */
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** What one rehearsed webhook came to: the answer's status and how many events it reported. */
    public record Rehearsal(String source, int status, int results) {
    }

    private final SnapStartConfig config;
    // Instances, not beans: this bean is made at start-up in every build, the relay's beans only when needed.
    private final Instance<Relay> relay;
    private final Instance<MetricaClients> clients;
    private final Instance<CallPolicy> policy;
    private final Instance<ObjectMapper> json;
    private volatile SnapshotEnvironment primedWith;

    public SnapStartPriming(SnapStartConfig config, Instance<Relay> relay, Instance<MetricaClients> clients,
            Instance<CallPolicy> policy, Instance<ObjectMapper> json) {
        this.config = config;
        this.relay = relay;
        this.clients = clients;
        this.policy = policy;
        this.json = json;
    }

    void register(@Observes StartupEvent start) {
        if (config.priming() && "snap-start".equals(System.getenv(INIT_TYPE))) {
            Core.getGlobalContext().register(this); // held weakly by CRaC; this singleton keeps it alive
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(System::getenv);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        restored(System::getenv);
    }

    /** Rehearses every sample, then builds the clients and guards; what each rehearsal came to, in sample order. */
    public List<Rehearsal> prime(UnaryOperator<String> env) {
        long started = System.nanoTime();
        primedWith = SnapshotEnvironment.of(env);
        List<Rehearsal> done = new ArrayList<>();
        for (PrimingWebhooks.Sample sample : PrimingWebhooks.load()) {
            done.add(rehearse(sample));
        }
        MetricaClients metrica = clients.get();
        metrica.cdp();
        metrica.management();
        metrica.counter();
        policy.get().prepare();
        LOG.infof("snapstart_priming webhooks=%d took_ms=%d", done.size(), (System.nanoTime() - started) / 1_000_000);
        return done;
    }

    /**
     * After a restore: nothing the rehearsals touched depends on the time (each webhook reads the clock and its deadline
     * itself; no connection was opened, no random value drawn). The token, secrets and Metrica address are re-read from
     * the environment: Lambda restores a snapshot only into the version it was taken for, whose environment cannot
     * change, so a difference means the snapshot is not this environment's, and serving would use stale secrets.
     */
    public void restored(UnaryOperator<String> env) {
        List<String> changed = primedWith == null ? List.of() : primedWith.changedIn(env);
        if (!changed.isEmpty()) {
            throw new IllegalStateException("restored into another environment than the snapshot was primed with ("
                    + String.join(", ", changed) + " changed): publish a new version so that a new snapshot is taken");
        }
    }

    private Rehearsal rehearse(PrimingWebhooks.Sample sample) {
        try {
            Object answer;
            Rehearsal done;
            try {
                RelayResponse response = relay.get().rehearse(sample.source(), sample.subPath(), sample.headers(),
                        sample.query(), sample.body()).await().atMost(WAIT);
                answer = response;
                done = new Rehearsal(sample.source(), 200, response.results().size());
            } catch (RelayProblem problem) {
                answer = problem.toProblem("/hooks/" + sample.source());
                done = new Rehearsal(sample.source(), problem.status(), 0);
            }
            json.get().writeValueAsBytes(answer); // the answer's serialisers, which the first real webhook needs too
            return done;
        } catch (JsonProcessingException | RuntimeException e) {
            // priming only saves time: a failed rehearsal must not fail the deploy that takes the snapshot
            LOG.warnf("snapstart_priming source=%s failed: %s", sample.source(), e.getClass().getName());
            return new Rehearsal(sample.source(), 500, 0);
        }
    }
}
