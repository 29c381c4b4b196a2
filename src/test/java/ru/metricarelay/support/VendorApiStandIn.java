package ru.metricarelay.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A loopback stand-in (WireMock on 127.0.0.1, random port) for the vendor APIs an adapter reads back
 * from — Bitrix24 sends only a deal id, the deal comes from the portal's REST API. Separate from
 * {@link MetricaStandIn}: no Metrica rules, no OAuth header. Started once per Quarkus boot for every
 * test profile (registered GLOBAL on SourceFixturesTest), so it adds no boot of its own. Anything not
 * stubbed answers the way Bitrix24 answers an unknown record id.
 */
public class VendorApiStandIn implements QuarkusTestResourceLifecycleManager {

    /** The incoming webhook's path on the stand-in; the code plays the secret that must never be logged. */
    public static final String BITRIX24_WEBHOOK = "/rest/1/t0pSecretW3bhookC0de/";

    /** Marks the test field that receives the running server. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(16));
        server.start();
        reset(server);
        return Map.of("relay.sources.bitrix24.rest-url", "http://127.0.0.1:" + server.port() + BITRIX24_WEBHOOK);
    }

    /** Forget earlier stubs and requests; unknown ids answer like Bitrix24 (HTTP 400, "Not found"). */
    public static void reset(WireMockServer server) {
        server.resetAll();
        server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"\",\"error_description\":\"Not found\"}")));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
