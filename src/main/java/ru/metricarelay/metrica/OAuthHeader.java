package ru.metricarelay.metrica;

import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds {@code Authorization: OAuth <token>} to every Metrica call; the token goes nowhere else. */
final class OAuthHeader implements ClientRequestFilter {

    private final Optional<String> token;

    OAuthHeader(Optional<String> token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        token.ifPresent(t -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "OAuth " + t));
    }
}
