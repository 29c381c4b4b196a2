package ru.metricarelay.metrica;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import ru.metricarelay.config.MetricaConfig;

/** Adds {@code Authorization: OAuth <token>} to every Metrica call; the token goes nowhere else. */
@Singleton
public class OAuthHeader implements ClientRequestFilter {

    @Inject
    MetricaConfig metrica;

    @Override
    public void filter(ClientRequestContext request) {
        metrica.token().ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "OAuth " + token));
    }
}
