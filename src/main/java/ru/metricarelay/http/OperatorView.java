package ru.metricarelay.http;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import ru.metricarelay.config.DeliveryMode;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.event.Mask;
import ru.metricarelay.metrica.setup.Check;
import ru.metricarelay.metrica.setup.PastUpload;
import ru.metricarelay.relay.flush.DeadList;
import ru.metricarelay.relay.flush.DeadLetters;
import ru.metricarelay.relay.flush.Flusher;
import ru.metricarelay.relay.flush.QueueStatus;
import ru.metricarelay.relay.operator.Operator;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.SourceRegistry;

/**
 * What the operator page (GET /admin/) shows, gathered from the same places as the JSON endpoints: doctor's checks and
 * Metrica's uploads from relay/operator/Operator (GET /admin/doctor, /admin/uploads), the last webhooks from
 * {@link Deliveries} (GET /admin/deliveries), the queue from relay/flush (GET /queue, /queue/dead). A part that
 * cannot be read becomes a note on the page, never a failed page. Nothing here holds a secret.
 */
@Singleton
public class OperatorView {

    private static final Logger LOG = Logger.getLogger(OperatorView.class);
    /** Uploads and dead rows the page lists: a page, not an export (the JSON endpoints take a limit). */
    static final int LISTED = 20;

    /** Everything the template renders. */
    public record Page(String version, boolean dryRun, String at, Doctor doctor, List<Sender> senders, int keep, QueueView queue,
            Uploads uploads) {
    }

    /** Doctor's checks, or why there are none. */
    public record Doctor(List<Check> checks, String failed) {
    }

    /** One registered source: what it makes, the URL to give it, its last webhooks (masked, newest first). */
    public record Sender(String name, String outputs, String url, boolean headerToo, List<Deliveries.Delivery> deliveries) {
    }

    /** {@code mode}: queued, direct or dry_run; the rest only when queued and readable. */
    public record QueueView(String mode, QueueStatus status, DeadList dead, Flusher.LastFlush last, String failed) {
    }

    /** Metrica's uploads, and notes: lists it did not give, dry-run, or why nothing could be asked. */
    public record Uploads(List<PastUpload> list, List<Check> errors, String failed) {
    }

    // package-private field injection: Quarkus sets them without reflection
    @Inject Operator operator;
    @Inject Deliveries deliveries;
    @Inject SourceRegistry sources;
    @Inject DeliveryMode mode;
    @Inject RelayConfig relay;
    @Inject Provider<Flusher> flusher;
    @Inject Provider<DeadLetters> deadLetters;
    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version;

    /** Blocking (the queue is read here): call it on a worker thread. {@code host}: where the operator reached the relay. */
    public Uni<Page> page(String host) {
        QueueView queue = queue();
        List<Sender> senders = senders(host);
        Uni<Doctor> doctor = operator.doctor().map(r -> new Doctor(r.checks(), null))
                .onFailure().recoverWithItem(e -> new Doctor(List.of(), failure("doctor", e)));
        Uni<Uploads> uploads = operator.uploads(LISTED).map(r -> new Uploads(r.uploads(), r.errors(), null))
                .onFailure().recoverWithItem(e -> new Uploads(List.of(), List.of(), failure("uploads", e)));
        String at = OperatorPageResource.utc(Instant.now());
        return Uni.combine().all().unis(doctor, uploads).with((d, u) -> new Page(version, mode.dryRun(), at, d, senders,
                relay.deliveries().keep(), queue, u));
    }

    List<Sender> senders(String host) {
        String base = "https://" + host + "/hooks/";
        return sources.all().stream().map(adapter -> {
            String name = adapter.name();
            String outputs = String.join(", ", adapter.outputs().stream().map(Enum::name).sorted().toList());
            // every sender's guide gives it /hooks/<source>/<RELAY_SECRET>; generic may also send the header
            return new Sender(name, outputs, base + name + "/<RELAY_SECRET>", "generic".equals(name),
                    deliveries.last(name, Integer.MAX_VALUE));
        }).toList();
    }

    QueueView queue() {
        if (!mode.queued()) {
            return new QueueView(mode.dryRun() ? "dry_run" : "direct", null, null, null, null);
        }
        try {
            Flusher f = flusher.get();
            return new QueueView("queued", f.status(), deadLetters.get().list(LISTED), f.last().orElse(null), null);
        } catch (Exception e) {
            return new QueueView("queued", null, null, null, failure("queue", e));
        }
    }

    /** A part that failed, in one line for the page; the log has the rest. */
    private static String failure(String part, Throwable e) {
        String message = Mask.text(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        LOG.warnf("operator page: the %s part failed: %s: %s", part, e.getClass().getSimpleName(), message); // masked as shown
        return message;
    }
}
