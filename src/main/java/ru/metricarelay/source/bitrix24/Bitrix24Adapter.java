package ru.metricarelay.source.bitrix24;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.config.MetricaConfig;
import ru.metricarelay.config.RelayConfig;
import ru.metricarelay.config.SecretSet;
import ru.metricarelay.config.SourceSettings;
import ru.metricarelay.event.Deadline;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Digits;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.source.Json;
import ru.metricarelay.source.SourceAdapter;

/**
 * Bitrix24 outgoing webhooks (docs/sources/bitrix24.md): ONCRMDEALADD/UPDATE and ONCRMLEADADD/UPDATE carry only
 * the record's id, so the deal (lead) is read with crm.deal.get (crm.lead.get) — and its contact with
 * crm.contact.get — from the configured portal. Bitrix24 never resends a webhook: every failure is
 * logged with what it takes to replay it.
 */
@Singleton
public class Bitrix24Adapter implements SourceAdapter {

    private static final Logger LOG = Logger.getLogger(Bitrix24Adapter.class);

    private final Bitrix24Config config;
    private final MetricaConfig metrica;
    /** null when rest-url is missing or unusable; then {@link #restUrlProblem} says why. */
    private final Portal portal;
    private final String restUrlProblem;
    /** Hosts a webhook may name as its portal: the configured domain and rest-url's host (event ids use the first). */
    private final Set<String> portalHosts = new LinkedHashSet<>();
    /** The same portals as host:port, what a webhook's auth[domain] and auth[client_endpoint] must match exactly. */
    private final Set<String> portalAuthorities = new LinkedHashSet<>();
    private final SecretSet applicationTokens;

    @Inject
    public Bitrix24Adapter(Bitrix24Config config, MetricaConfig metrica, RelayConfig relay) {
        this(config, metrica, relay, base -> Portal.restClient(base, config.callTimeout()));
    }

    /**
     * The same adapter with the portal's methods answered by {@code client} instead of a Quarkus REST client on
     * rest-url, which can only be built inside a running Quarkus (rest-url still names the portal: its host is
     * checked and becomes the account). For the JMH harness in bench/jmh, which runs the relay's classes without
     * Quarkus and answers the portal from a fixture's stubs (docs/performance.md#throughput-per-source-jmh).
     */
    public Bitrix24Adapter(Bitrix24Config config, MetricaConfig metrica, RelayConfig relay, PortalClient client) {
        this(config, metrica, relay, base -> client);
    }

    private Bitrix24Adapter(Bitrix24Config config, MetricaConfig metrica, RelayConfig relay,
            Function<URI, PortalClient> clients) {
        this.config = config;
        this.metrica = metrica;
        config.domain().map(Bitrix24Adapter::host).ifPresent(portalHosts::add);
        config.domain().map(Bitrix24Adapter::authority).ifPresent(portalAuthorities::add);
        Portal built = null;
        String problem = null;
        String restUrl = config.restUrl().filter(u -> !u.isBlank()).orElse(null);
        if (restUrl == null) {
            problem = "relay.sources.bitrix24.rest-url is not set: the relay needs the portal's incoming webhook "
                    + "(crm scope) to read the deal a Bitrix24 webhook names";
        } else {
            try {
                built = Portal.of(restUrl, config.callTimeout(), clients);
                portalHosts.add(built.host());
                portalAuthorities.add(authority(restUrl));
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        this.portal = built;
        this.restUrlProblem = problem;
        this.applicationTokens = SecretSet.of(config.applicationToken().orElse(List.of()));
        if (config.fetchBudget().compareTo(relay.deadline()) >= 0) {
            LOG.warnf("relay.sources.bitrix24.fetch-budget (%s) is not under relay.deadline (%s): Metrica would get no time",
                    config.fetchBudget(), relay.deadline());
        }
    }

    @Override
    public String name() {
        return "bitrix24";
    }

    @Override
    public SourceSettings settings() {
        return config;
    }

    /**
     * auth[application_token] must match a configured token (constant time), and a webhook that names
     * a portal — auth[domain], auth[client_endpoint] — must name ours: deal ids are per portal, and the
     * relay reads deals only from rest-url. Either failure is 401: the webhook is not from our portal.
     */
    @Override
    public void authenticate(InboundRequest request) {
        JsonNode auth = request.payload().path("auth");
        if (!applicationTokens.isEmpty()) {
            String given = Json.text(auth.get("application_token"));
            if (given == null) {
                throw RelayProblem.unauthorized("auth[application_token] is missing; this source requires the outgoing "
                        + "webhook's application token (relay.sources.bitrix24.application-token)");
            }
            if (!applicationTokens.matches(given)) {
                throw RelayProblem.unauthorized("auth[application_token] does not match relay.sources.bitrix24.application-token");
            }
        }
        if (portalHosts.isEmpty()) {
            return; // nothing to compare with; read() refuses for want of rest-url
        }
        String domain = single(auth, "domain");
        if (domain != null && !portalAuthorities.contains(authority(domain))) {
            throw RelayProblem.unauthorized("auth[domain] names another portal than relay.sources.bitrix24.domain "
                    + "(or rest-url's host); the relay reads deals only from its configured portal");
        }
        String endpoint = single(auth, "client_endpoint");
        if (endpoint != null && !portalAuthorities.contains(authority(endpoint))) {
            throw RelayProblem.unauthorized("auth[client_endpoint] points to another host than the configured portal; "
                    + "the relay never calls a URL taken from a webhook");
        }
    }

    @Override
    public List<String> clientIdFields() {
        return List.of(config.clientIdField().orElse("the first UF_CRM_* field holding a ClientId"));
    }

    @Override
    public Uni<List<SourceItem>> read(InboundRequest request) {
        return Uni.createFrom().deferred(() -> {
            Notice notice = Notice.read(request.payload());
            String account = account(notice);
            if (notice.entity() == null) {
                String id = DealEvent.eventId(name(), account, notice.event() + (notice.id() == null ? "" : ":" + notice.id()));
                return Uni.createFrom().item(List.<SourceItem>of(new Skipped(id, name(), "unsupported_event:" + notice.event())));
            }
            if (portal == null) {
                LOG.warnf("bitrix24_not_relayed event=%s %s_id=%s domain=%s answer=422 error=%s", notice.event(),
                        notice.entity().label(), notice.id(), account, restUrlProblem);
                throw RelayProblem.unprocessable("relay.sources.bitrix24.rest-url", restUrlProblem);
            }
            return event(notice, account, Deadline.in(config.fetchBudget()))
                    .onFailure().transform(f -> problem(notice, account, f))
                    .map(List::<SourceItem>of);
        });
    }

    private Uni<DealEvent> event(Notice notice, String account, Deadline budget) {
        CrmEntity entity = notice.entity();
        String clientIdField = (entity == CrmEntity.DEAL ? config.clientIdField() : config.leadClientIdField()).orElse(null);
        return portal.record(entity, notice.id(), budget).chain(record -> {
            String contactId = RecordMapper.contactId(record);
            Uni<JsonNode> contact = Uni.createFrom().nullItem();
            if (config.fetchContact() && contactId != null && Digits.only(contactId, 1, 18)) {
                boolean hasClientId = RecordMapper.clientId(record, clientIdField) != null;
                contact = portal.contact(contactId, budget).onFailure(PortalFailure.class).recoverWithUni(f -> {
                    PortalFailure failure = (PortalFailure) f;
                    if (failure.notFound()) {
                        return Uni.createFrom().nullItem();
                    }
                    if (hasClientId) { // the ClientId is what matters; phones only widen the match
                        LOG.warnf("bitrix24_contact_skipped event=%s %s_id=%s contact_id=%s domain=%s error=%s",
                                notice.event(), entity.label(), notice.id(), contactId, account, failure.getMessage());
                        return Uni.createFrom().nullItem();
                    }
                    return Uni.createFrom().failure(failure);
                });
            }
            return contact.map(c -> RecordMapper.event(name(), account, entity, notice.id(), record, c, clientIdField,
                    metrica.timezone()));
        });
    }

    /** Every failure as an answer, and one masked log line with what it takes to replay the webhook. */
    private RelayProblem problem(Notice notice, String account, Throwable f) {
        RelayProblem problem;
        String label = notice.entity().label();
        if (f instanceof RelayProblem known) {
            problem = known;
        } else if (f instanceof PortalFailure failure && failure.notFound() && failure.method.equals(notice.entity().method)) {
            problem = RelayProblem.unprocessable(notice.event().equals("ROBOT") ? "document_id[2]" : Notice.ID_FIELD,
                    "the portal has no " + label + " " + notice.id() + " (" + failure.getMessage() + ")");
        } else if (f instanceof PortalFailure failure) {
            problem = RelayProblem.sourceUnavailable("could not read " + label + " " + notice.id() + " from the Bitrix24 portal: "
                    + failure.getMessage() + "; Bitrix24 does not resend, the relay logged the event for replay");
        } else {
            problem = RelayProblem.sourceUnavailable("could not read " + label + " " + notice.id()
                    + " from the Bitrix24 portal (" + f.getClass().getSimpleName() + ")");
        }
        // ERROR when the portal failed (an operator replays it), WARN when the deal itself cannot be relayed
        LOG.logf(problem.status() >= 500 ? Logger.Level.ERROR : Logger.Level.WARN,
                "bitrix24_not_relayed event=%s %s_id=%s domain=%s answer=%d error=%s", notice.event(), label, notice.id(),
                account, problem.status(), problem.getMessage());
        return problem;
    }

    /** The portal's domain: ids are <source>:<domain>:<deal id>. The configured portal first (authenticate() made sure they agree). */
    private String account(Notice notice) {
        if (!portalHosts.isEmpty()) {
            return portalHosts.iterator().next();
        }
        String fromWebhook = notice.domain() == null ? null : host(notice.domain());
        return fromWebhook != null ? fromWebhook : config.account();
    }

    /** auth[name] as one value; sent as a list or an object it cannot name one portal: 401. */
    private static String single(JsonNode auth, String name) {
        JsonNode value = auth.get(name);
        if (value != null && value.isContainerNode()) {
            throw RelayProblem.unauthorized("auth[" + name + "] must be one value, not a list");
        }
        return Json.text(value);
    }

    /** host:port of a domain or URL (default port by scheme, https when none), lower case; null if there is none. */
    static String authority(String domainOrUrl) {
        URI uri = uri(domainOrUrl);
        String host = uri == null ? null : host(uri);
        if (host == null) {
            return null;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        return host + ":" + port;
    }

    /** The host of a domain ("portal.bitrix24.ru", "crm.example.ru:8443") or a URL, lower case; null if there is none. */
    static String host(String domainOrUrl) {
        URI uri = uri(domainOrUrl);
        return uri == null ? null : host(uri);
    }

    private static URI uri(String domainOrUrl) {
        String s = domainOrUrl.trim();
        try {
            return URI.create(s.contains("://") ? s : "https://" + s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower case, without the root's trailing dot ("portal.bitrix24.ru." is the same host). */
    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return null;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
