package ru.metricarelay.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.metricarelay.nativeimage.NativeReadinessTest.MAIN;
import static ru.metricarelay.nativeimage.NativeReadinessTest.assertCaught;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration Quarkus hands to native-image, read from the native-sources step's output
 * ({@code ./mvnw package -Pnative -Dquarkus.native.sources-only=true} → target/native-sources; docs/performance.md#native-readiness):
 * every Jackson-bound type in reflect-config.json with its constructors and methods, a generated implementation for every
 * REST client, the run-time resources in resource-config.json, and sqlite-jdbc's and the AWS SDK HTTP client's own
 * native-image configuration among the libraries. Runs with {@code -Dnative.sources=target/native-sources}; the check
 * itself is proven on a broken set of sources every build.
 */
class NativeSourcesTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @EnabledIfSystemProperty(named = "native.sources", matches = ".+")
    void theNativeSourcesRegisterWhatTheRelayNeeds() throws IOException {
        assertEquals(List.of(), problems(Path.of(System.getProperty("native.sources")), MAIN));
    }

    @Test
    void theCheckCatchesBrokenNativeSources(@TempDir Path dir) throws IOException {
        try (OutputStream out = Files.newOutputStream(dir.resolve("relay-runner.jar")); ZipOutputStream jar = new ZipOutputStream(out)) {
            put(jar, "META-INF/native-image/reflect-config.json",
                    "[{\"name\":\"ru.metricarelay.event.DealEvent\",\"allDeclaredConstructors\":true}]");
            put(jar, "META-INF/native-image/resource-config.json", "{\"resources\":{\"includes\":[{\"pattern\":\"openapi/.*\"}]}}");
            put(jar, "ru/metricarelay/metrica/CdpClient$$QuarkusRestClientInterface.class", "");
        }
        Files.createDirectories(dir.resolve("lib"));
        assertCaught(problems(dir, MAIN), "ru.metricarelay.event.Routed is not in reflect-config.json",
                "ru.metricarelay.event.DealEvent is in reflect-config.json without all its constructors and methods",
                "no generated REST client for ru.metricarelay.metrica.ManagementClient",
                "priming/ is not in resource-config.json", "no sqlite-jdbc", "no url-connection-client");
    }

    static List<String> problems(Path sources, JavaClasses classes) throws IOException {
        List<String> problems = new ArrayList<>();
        Path runner;
        try (Stream<Path> files = Files.list(sources)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst().orElse(null);
        }
        if (runner == null) {
            return List.of("no *-runner.jar in " + sources + ": run ./mvnw package -Pnative -Dquarkus.native.sources-only=true");
        }
        try (ZipFile jar = new ZipFile(runner.toFile())) {
            JsonNode reflect = JSON.readTree(jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json")));
            Set<Class<?>> bound = new HashSet<>(NativeRules.jacksonBound(classes).keySet());
            bound.addAll(NativeRules.restBound(classes).keySet());
            for (Class<?> type : bound) {
                JsonNode entry = null;
                for (JsonNode e : reflect) {
                    entry = e.path("name").asText().equals(type.getName()) ? e : entry;
                }
                if (entry == null) {
                    problems.add(type.getName() + " is not in reflect-config.json");
                } else if (!entry.path("allDeclaredConstructors").asBoolean() || !entry.path("allDeclaredMethods").asBoolean()) {
                    problems.add(type.getName() + " is in reflect-config.json without all its constructors and methods");
                }
            }
            for (JavaClass api : NativeRules.restClients(classes)) {
                if (jar.getEntry(api.getName().replace('.', '/') + "$$QuarkusRestClientInterface.class") == null) {
                    problems.add("no generated REST client for " + api.getName());
                }
            }
            String resources = new String(jar.getInputStream(jar.getEntry("META-INF/native-image/resource-config.json"))
                    .readAllBytes(), StandardCharsets.UTF_8);
            for (String folder : NativeReadinessTest.runTimeResources()) {
                if (!resources.contains("\"" + folder + "/.*\"")) {
                    problems.add(folder + "/ is not in resource-config.json");
                }
            }
        }
        List<String> libs;
        try (Stream<Path> files = Files.list(sources.resolve("lib"))) {
            libs = files.map(p -> p.getFileName().toString()).toList();
        }
        libJar(sources, libs, "org.xerial.sqlite-jdbc", "META-INF/native-image/org.xerial/sqlite-jdbc/native-image.properties", problems);
        libJar(sources, libs, "software.amazon.awssdk.url-connection-client",
                "META-INF/native-image/software.amazon.awssdk/url-connection-client/reflect-config.json", problems);
        return problems;
    }

    private static void libJar(Path sources, List<String> libs, String prefix, String config, List<String> problems) throws IOException {
        String name = libs.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse(null);
        if (name == null) {
            problems.add("no " + prefix.substring(prefix.lastIndexOf('.') + 1) + " among the native sources' libraries");
            return;
        }
        try (ZipFile jar = new ZipFile(sources.resolve("lib").resolve(name).toFile())) {
            if (jar.getEntry(config) == null) {
                problems.add(name + " lost its native-image configuration " + config);
            }
        }
    }

    private static void put(ZipOutputStream jar, String name, String text) throws IOException {
        jar.putNextEntry(new ZipEntry(name));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }
}
