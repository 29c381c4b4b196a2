package ru.metricarelay.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The shipped OpenAPI documents (src/main/resources/openapi/openapi.yaml and .json, served by
 * OpenApiResource) are what quarkus-smallrye-openapi generates from the resources in the test build, at
 * /q/openapi-generated.
 * After changing an endpoint: ./mvnw test -Dtest=OpenApiDocTest -Dopenapi.write=true rewrites it.
 */
@QuarkusTest
class OpenApiDocTest {

    static final Path YAML = Path.of("src/main/resources" + OpenApiResource.YAML);
    static final Path JSON_FILE = Path.of("src/main/resources" + OpenApiResource.JSON);
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode tree(String yaml) {
        return JSON.valueToTree(new Yaml().load(yaml));
    }

    @Test
    void theShippedDocumentsAreTheGeneratedOnes() throws Exception {
        String yaml = given().get("/q/openapi-generated").then().statusCode(200).extract().asString();
        String json = given().queryParam("format", "json").get("/q/openapi-generated").then().statusCode(200)
                .extract().asString();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(YAML, yaml, StandardCharsets.UTF_8);
            Files.writeString(JSON_FILE, json, StandardCharsets.UTF_8);
        }
        String fix = " is out of date: run ./mvnw test -Dtest=OpenApiDocTest -Dopenapi.write=true";
        assertEquals(tree(yaml), tree(Files.readString(YAML)), YAML + fix);
        assertEquals(JSON.readTree(json), JSON.readTree(Files.readString(JSON_FILE)), JSON_FILE + fix);
    }

    @Test
    void theServedDocumentIsTheShippedOneAsYamlAndAsJson() throws Exception {
        assertEquals(tree(Files.readString(YAML)), tree(given().get("/q/openapi").then().statusCode(200)
                .contentType("application/yaml").extract().asString()));
        assertEquals(JSON.readTree(Files.readString(JSON_FILE)), JSON.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .contentType("application/json").extract().asString()));
    }
}
