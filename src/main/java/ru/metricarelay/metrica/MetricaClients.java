package ru.metricarelay.metrica;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.inject.Singleton;
import ru.metricarelay.config.MetricaConfig;

/**
 * The typed Metrica clients, each built on first use with the call policy's timeouts and the token's
 * {@link OAuthHeader}: a dry-run relay, or one that never runs doctor, never builds them. Every call
 * made with them goes through {@link CallPolicy}.
 */
@Singleton
public class MetricaClients {

    private final MetricaConfig metrica;
    private final MetricaCallConfig calls;
    private CdpClient cdp;
    private ManagementClient management;
    private CounterClient counter;

    public MetricaClients(MetricaConfig metrica, MetricaCallConfig calls) {
        this.metrica = metrica;
        this.calls = calls;
    }

    public synchronized CdpClient cdp() {
        if (cdp == null) {
            cdp = build(CdpClient.class);
        }
        return cdp;
    }

    public synchronized ManagementClient management() {
        if (management == null) {
            management = build(ManagementClient.class);
        }
        return management;
    }

    public synchronized CounterClient counter() {
        if (counter == null) {
            counter = build(CounterClient.class);
        }
        return counter;
    }

    private <T> T build(Class<T> api) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(metrica.apiUrl()))
                .connectTimeout(calls.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(calls.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .register(new OAuthHeader(metrica.token()))
                .register(new MetricaHttpException.Mapper())
                .build(api);
    }
}
