package bench.jmh;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.UnaryOperator;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Routed;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.metrica.Batch;
import ru.metricarelay.metrica.UploadBuilder;
import ru.metricarelay.routing.Router;
import ru.metricarelay.source.BodyReader;
import ru.metricarelay.source.IdentityDiscovery;
import ru.metricarelay.source.ReceiptClock;
import ru.metricarelay.source.SourceAdapter;
import ru.metricarelay.source.amocrm.AmocrmAdapter;
import ru.metricarelay.source.amocrm.AmocrmConfig;
import ru.metricarelay.source.bitrix24.Bitrix24Adapter;
import ru.metricarelay.source.bitrix24.Bitrix24Config;
import ru.metricarelay.source.calltouch.CalltouchAdapter;
import ru.metricarelay.source.calltouch.CalltouchConfig;
import ru.metricarelay.source.generic.GenericAdapter;
import ru.metricarelay.source.generic.GenericConfig;
import ru.metricarelay.source.jivo.JivoAdapter;
import ru.metricarelay.source.jivo.JivoConfig;
import ru.metricarelay.source.mango.MangoAdapter;
import ru.metricarelay.source.mango.MangoConfig;
import ru.metricarelay.source.roistat.RoistatAdapter;
import ru.metricarelay.source.roistat.RoistatConfig;
import ru.metricarelay.source.telegram.TelegramAdapter;
import ru.metricarelay.source.telegram.TelegramConfig;
import ru.metricarelay.source.tilda.TildaAdapter;
import ru.metricarelay.source.tilda.TildaConfig;
import ru.metricarelay.source.uis.UisAdapter;
import ru.metricarelay.source.uis.UisConfig;
import ru.metricarelay.source.wazzup.WazzupAdapter;
import ru.metricarelay.source.wazzup.WazzupConfig;

/**
 * One source's webhook through the relay's real parts, as relay/Relay.handle runs them after the relay secret:
 * BodyReader.read → adapter.authenticate → adapter.read → IdentityDiscovery → Router.route →
 * UploadBuilder.batches. No Quarkus, no CDI, no I/O; the receipt clock is pinned to the fixture's time.
 */
final class Pipeline {

    /** The fixture each source is measured with: a webhook that becomes a record, from a payload where there is one. */
    static final Map<String, String> CASES = Map.ofEntries(
            Map.entry("amocrm", "leads_status_won_ym_uid"),
            Map.entry("bitrix24", "deal_won_reconstructed_clientid_configured_field"),
            Map.entry("calltouch", "call_webhook_post_form"),
            Map.entry("generic", "order_paid_with_crm_contact"),
            Map.entry("jivo", "custom_data_client_id"),
            Map.entry("mango", "summary_signed_event_path"),
            Map.entry("roistat", "real_after_call_with_metrika_client_id"),
            Map.entry("telegram", "start_deeplink_clientid"),
            Map.entry("tilda", "form_with_cookies"),
            Map.entry("uis", "call_finished_with_clientid_template"),
            Map.entry("wazzup", "whatsapp_message_with_client_id"));

    /** Mango's VPBX key and signing salt for the benchmark; the fixture's sign is computed again with them. */
    static final String MANGO_KEY = "bench-vpbx-key";
    static final String MANGO_SALT = "bench-vpbx-salt";

    static {
        // Mutiny's default scheduler (it times out the Bitrix24 portal calls) runs on a non-daemon thread, which kept
        // Check's JVM and JMH's forks alive after their work (the relay's Quarkus stops its own at shut-down): the same
        // kind of scheduler, a one-thread ScheduledThreadPoolExecutor, on a daemon thread.
        Infrastructure.setDefaultExecutor(new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "bench-mutiny-scheduler");
            thread.setDaemon(true);
            return thread;
        }));
    }

    private final Fixture fixture;
    private final SourceAdapter adapter;
    private final UnaryOperator<String> repairJson;
    private final BodyReader bodies;
    private final Router router = new Router();
    private final UploadBuilder builder = new UploadBuilder(Settings.METRICA, Settings.RELAY);

    /** What one webhook became: the adapter's items, what routing made of them, and the Metrica requests. */
    record Outcome(int events, List<Routed> routed, List<Batch> batches) {
    }

    private Pipeline(Fixture fixture, SourceAdapter adapter) {
        this.fixture = fixture;
        this.adapter = adapter;
        this.repairJson = adapter::repairJson;
        Instant receivedAt = fixture.receivedAt();
        this.bodies = new BodyReader(Settings.RELAY, new ReceiptClock() {
            @Override
            public Instant now() {
                return receivedAt;
            }
        });
    }

    Fixture fixture() {
        return fixture;
    }

    Outcome run() {
        InboundRequest request = parse();
        authenticate(request);
        List<SourceItem> items = read(request);
        List<Routed> routed = route(discover(items, request));
        return new Outcome(items.size(), routed, build(routed, request));
    }

    // the stages, one method each so that bench.jmh.Stages can measure them apart

    InboundRequest parse() {
        return bodies.read(fixture.source(), fixture.method(), fixture.headers(), fixture.query(), fixture.body(), repairJson)
                .withSubPath(fixture.subPath());
    }

    void authenticate(InboundRequest request) {
        adapter.authenticate(request);
    }

    List<SourceItem> read(InboundRequest request) {
        return adapter.read(request).await().indefinitely();
    }

    IdentityDiscovery.Discovery discover(List<SourceItem> items, InboundRequest request) {
        return IdentityDiscovery.apply(items, request.payload(), adapter.clientIdFields());
    }

    List<Routed> route(IdentityDiscovery.Discovery found) {
        return router.route(found.items(), adapter.settings());
    }

    List<Batch> build(List<Routed> routed, InboundRequest request) {
        return builder.batches(routed, request.receivedAt(), UploadBuilder.Pii.SEND);
    }

    static Pipeline of(String source) {
        String name = CASES.get(source);
        if (name == null) {
            throw new IllegalArgumentException("no benchmark case for source " + source + "; known: " + CASES.keySet());
        }
        Fixture fixture = Fixture.load(source, name);
        var metrica = Settings.METRICA;
        return switch (source) {
            case "amocrm" -> new Pipeline(fixture, new AmocrmAdapter(Settings.source(AmocrmConfig.class, Map.of()), metrica));
            case "calltouch" -> new Pipeline(fixture, new CalltouchAdapter(Settings.source(CalltouchConfig.class, Map.of()), metrica));
            case "generic" -> new Pipeline(fixture, new GenericAdapter(Settings.source(GenericConfig.class, Map.of()), metrica));
            case "jivo" -> new Pipeline(fixture, new JivoAdapter(Settings.source(JivoConfig.class, Map.of())));
            case "roistat" -> new Pipeline(fixture, new RoistatAdapter(Settings.source(RoistatConfig.class,
                    // checked on Roistat's CRM lead hook only; the call webhook measured here has no token
                    Map.of("login", "bench-login", "password", "bench-password")), metrica));
            case "tilda" -> new Pipeline(fixture, new TildaAdapter(Settings.source(TildaConfig.class, Map.of())));
            case "uis" -> new Pipeline(fixture, new UisAdapter(Settings.source(UisConfig.class, Map.of()), metrica));
            // header secrets: the values the fixture requests carry (two tokens, as during a rotation)
            case "telegram" -> new Pipeline(fixture, new TelegramAdapter(Settings.source(TelegramConfig.class,
                    Map.of("secret-token", "tg-test-token-A1,tg-test-token-B2"))));
            case "wazzup" -> new Pipeline(fixture, new WazzupAdapter(Settings.source(WazzupConfig.class,
                    Map.of("crm-key", "wz-test-crm-key-A1"))));
            case "mango" -> new Pipeline(mangoSigned(fixture), new MangoAdapter(Settings.source(MangoConfig.class,
                    Map.of("api-key", MANGO_KEY, "api-salt", MANGO_SALT))));
            case "bitrix24" -> bitrix24(fixture);
            default -> throw new IllegalArgumentException(source);
        };
    }

    /**
     * Bitrix24 reads the deal (and its contact) from the portal: the real adapter, with rest-url set, reads them
     * through its Portal from the fixture's stubs in memory (FixturePortal), not over HTTP.
     */
    private static Pipeline bitrix24(Fixture fixture) {
        Bitrix24Config config = Settings.source(Bitrix24Config.class, Map.of(
                "rest-url", "https://some-domain.bitrix24.com/rest/1/bench-webhook-code/",
                "domain", "some-domain.bitrix24.com",
                "application-token", "51856fefc120afa4b628cc82d3935cce",
                "client-id-field", "UF_CRM_1739432591418"));
        return new Pipeline(fixture, new Bitrix24Adapter(config, Settings.METRICA, Settings.RELAY, new FixturePortal(fixture)));
    }

    /** Mango's form with vpbx_api_key and sign made for the benchmark's key and salt: sign = sha256(key + json + salt). */
    static Fixture mangoSigned(Fixture fixture) {
        String form = new String(fixture.body(), StandardCharsets.UTF_8);
        String json = null;
        List<String> kept = new ArrayList<>();
        for (String pair : form.split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (name.equals("json")) {
                json = URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8);
            }
            if (!name.equals("vpbx_api_key") && !name.equals("sign")) {
                kept.add(pair); // json stays exactly as encoded in the fixture
            }
        }
        if (json == null) {
            throw new IllegalStateException("the Mango fixture has no json field");
        }
        String signed = "vpbx_api_key=" + MANGO_KEY + "&sign=" + sha256Hex(MANGO_KEY + json + MANGO_SALT) + "&"
                + String.join("&", kept);
        return fixture.withBody(signed.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
