package ru.metricarelay.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * GET /q/openapi (YAML; ?format=json for JSON): the inbound API described, OpenAPI 3. The documents
 * are generated from the resources by quarkus-smallrye-openapi in the test build and shipped as files
 * (OpenApiDocTest keeps them current), read on the first request: the extension itself would prepare
 * the document at every start (docs/performance.md#what-keeps-start-up-small).
 */
@Path("/q/openapi")
public class OpenApiResource {

    static final String YAML = "/openapi/openapi.yaml";
    static final String JSON = "/openapi/openapi.json";

    private volatile byte[] yaml;
    private volatile byte[] json;

    @GET
    public Response document(@RestQuery String format) {
        if ("json".equalsIgnoreCase(format)) {
            byte[] j = json;
            if (j == null) {
                json = j = read(JSON);
            }
            return Response.ok(j, "application/json;charset=UTF-8").build();
        }
        byte[] y = yaml;
        if (y == null) {
            yaml = y = read(YAML);
        }
        return Response.ok(y, "application/yaml;charset=UTF-8").build();
    }

    private static byte[] read(String resource) {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
