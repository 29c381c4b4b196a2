package ru.metricarelay.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import ru.metricarelay.support.LiveProfile;
import ru.metricarelay.support.MetricaStandIn;
import ru.metricarelay.support.RawHttp;

/**
 * The same inputs with a token and the strict Metrica stand-in answering every upload: besides
 * everything {@link InboundFuzzTest} checks, a webhook refused with a 4xx never reaches Metrica.
 */
@QuarkusTest
@TestProfile(LiveProfile.class)
class InboundFuzzLiveTest extends InboundFuzzTest {

    @MetricaStandIn.Server
    WireMockServer metrica;

    @BeforeEach
    void acceptEveryUpload() {
        MetricaStandIn.reset(metrica);
        metrica.stubFor(WireMock.post(urlPathMatching("/cdp/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded("fuzz"))));
        metrica.stubFor(WireMock.post(urlPathMatching("/management/.*")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(MetricaStandIn.uploaded(1L))));
    }

    @Override
    RawHttp.Answer post(String source, String contentType, byte[] body) {
        int before = calls();
        RawHttp.Answer answer = super.post(source, contentType, body);
        if (answer.status() >= 400) {
            assertEquals(before, calls(), () -> source + " answered " + answer.status() + " but called Metrica");
        }
        return answer;
    }

    int calls() {
        return metrica.findAll(anyRequestedFor(anyUrl())).size();
    }
}
