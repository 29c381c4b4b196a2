package ru.metricarelay.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.metricarelay.source.SourceRegistry;

/**
 * GET /q/openapi is a valid OpenAPI 3 document (read by the reference parser, no messages) describing the
 * webhook, operator and queue endpoints, with one example request per sender equal to that sender's test
 * fixture. (Swagger UI is for dev mode: CommandLineCliIT checks the packaged jar does not serve it.)
 */
@QuarkusTest
class OpenApiTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SourceRegistry sources;

    static OpenAPI parse() {
        String document = given().get("/q/openapi").then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(), "OpenAPI validation messages");
        assertNotNull(result.getOpenAPI());
        return result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi3AndListsTheEndpoints() {
        OpenAPI api = parse();
        assertTrue(api.getOpenapi().startsWith("3."), api.getOpenapi());
        Set<String> paths = api.getPaths().keySet();
        for (String path : List.of("/hooks/{source}", "/hooks/{source}/{secret}", "/admin/doctor", "/admin/provision", "/admin/uploads", "/admin/deliveries",
                "/replay", "/queue", "/queue/flush")) {
            assertTrue(paths.contains(path), path + " is not in " + paths);
        }
        assertEquals("X-Relay-Secret", api.getComponents().getSecuritySchemes().get("relaySecret").getName());
        assertNotNull(api.getPaths().get("/admin/doctor").getGet().getSecurity());
    }

    @Test
    void everySenderHasAnExampleRequestAndEachIsItsFixture() throws Exception {
        Content content = parse().getPaths().get("/hooks/{source}").getPost().getRequestBody().getContent();
        Map<String, Example> examples = new TreeMap<>();
        for (String type : List.of("application/json", "application/x-www-form-urlencoded")) {
            examples.putAll(content.get(type).getExamples());
        }
        assertEquals(new TreeSet<>(sources.names()), examples.keySet(), "one example per source");
        for (var e : examples.entrySet()) {
            Object fixture = e.getValue().getExtensions().get("x-fixture");
            JsonNode request = JSON.readTree(read(fixture.toString())).path("request");
            String body = request.has("body_file") ? read(request.path("body_file").asText())
                    : request.path("body").isTextual() ? request.path("body").asText() : request.path("body").toString();
            Object value = e.getValue().getValue();
            if (value instanceof String text) {
                assertEquals(body, text, e.getKey() + ": the example is not its fixture " + fixture);
            } else {
                assertEquals(JSON.readTree(body), JSON.valueToTree(value), e.getKey() + ": the example is not its fixture " + fixture);
            }
        }
    }

    static String read(String resource) throws Exception {
        return Files.readString(Path.of("src/test/resources", resource), StandardCharsets.UTF_8);
    }
}
