package ru.metricarelay.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A loopback Metrica (WireMock on 127.0.0.1, random port) with {@link MetricaRules} applied to every
 * request. By default everything not stubbed answers 404 like an unknown Metrica path; tests stub
 * the answers they need (see {@link #uploaded}).
 */
public class MetricaStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "y0_standin-TOKEN-7c1e5b2a";
    public static final long COUNTER = 91234567L;

    /** Marks the test field that receives the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    /** Marks the test field that receives the stand-in's {@link MetricaCounter}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Counter {
    }

    /** The counter's endpoints (settings, goals, order statuses, thresholds, upload lists), answered by {@link MetricaCounter}. */
    static final String COUNTER_PATHS = "/(management/v1/counter/" + COUNTER + "(/goals|/offline_conversions/(visit_join_threshold"
            + "|calls_visit_join_threshold|extended_threshold|calls_extended_threshold|uploadings|calls_uploadings))?"
            + "|cdp/api/v1/counter/" + COUNTER + "/(schema/order_statuses|last_uploadings))";

    private WireMockServer server;
    private final MetricaCounter counter = new MetricaCounter();

    /** A started stand-in on 127.0.0.1 (random port) answering for {@code counter}. */
    public static WireMockServer serve(MetricaCounter counter) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(32).extensions(new MetricaRules(TOKEN), counter));
        server.start();
        reset(server);
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = serve(counter);
        return Map.of("metrica.api-url", "http://127.0.0.1:" + server.port(),
                "metrica.token", TOKEN,
                "metrica.counter-id", Long.toString(COUNTER));
    }

    /** Forget earlier stubs and requests; unknown paths answer like Metrica does. */
    public static void reset(WireMockServer server) {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error_type\":\"not_found\",\"message\":\"Entity not found\"}],\"code\":404}")));
        server.stubFor(any(urlPathMatching(COUNTER_PATHS)).atPriority(50)
                .willReturn(aResponse().withStatus(200).withTransformers(MetricaCounter.NAME)));
    }

    /** {@link #reset}, then every CDP upload (contacts, orders, simple orders) accepted as uploading {@code id}. */
    public static void acceptCdpUploads(WireMockServer server, String id) {
        reset(server);
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathMatching("/cdp/.*")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody(uploaded(id))));
    }

    /** A CDP-style success answer. */
    public static String uploaded(String id) {
        return "{\"uploading\":{\"uploading_id\":\"" + id + "\",\"api_validation_status\":\"PASSED\",\"elements_count\":1}}";
    }

    /** A management-style success answer. */
    public static String uploaded(long id) {
        return "{\"uploading\":{\"id\":" + id + ",\"status\":\"UPLOADED\",\"line_quantity\":1}}";
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
        injector.injectIntoFields(counter, new TestInjector.AnnotatedAndMatchesType(Counter.class, MetricaCounter.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
