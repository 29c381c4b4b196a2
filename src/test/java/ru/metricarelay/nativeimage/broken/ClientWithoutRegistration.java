package ru.metricarelay.nativeimage.broken;

import java.net.URI;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** Planted for NativeReadinessTest: a REST client built from an interface the build does not know as one. */
public final class ClientWithoutRegistration {

    /** No @RegisterRestClient, and a body type nobody registers. (No JAX-RS annotations: the test app indexes this.) */
    public interface Api {
        String send(UnregisteredBody body);
    }

    private ClientWithoutRegistration() {
    }

    public static Api build() {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:1")).build(Api.class);
    }
}
