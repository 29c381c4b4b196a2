package ru.metricarelay.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * What can be checked for the native build without building it (docs/performance.md#native-readiness), on the compiled
 * main classes and the class path; each rule also runs on the classes planted in {@code nativeimage.broken} (or on a
 * broken class path) to prove it catches what it is for. The native-sources step is checked by {@link NativeSourcesTest}.
 */
class NativeReadinessTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
            .importPackages(NativeRules.ROOT);
    static final JavaClasses BROKEN = new ClassFileImporter().importPackages("ru.metricarelay.nativeimage.broken");

    @Test
    void everyJacksonBoundTypeIsRegisteredForReflection() {
        assertEquals(List.of(), NativeRules.jacksonProblems(MAIN));
        assertCaught(NativeRules.jacksonProblems(BROKEN), "UnregisteredBody is bound by Jackson", "UnregisteredBody$Inner is bound");
    }

    @Test
    void noClassIsPickedByName() {
        assertEquals(List.of(), NativeRules.classByNameProblems(MAIN));
        assertCaught(NativeRules.classByNameProblems(BROKEN), "ClassByName.make(java.lang.String) loads a class by name");
    }

    @Test
    void everyRestClientIsGeneratedAtBuildAndCarriesRegisteredTypes() {
        assertEquals(List.of(), NativeRules.restClientProblems(MAIN));
        assertCaught(NativeRules.restClientProblems(BROKEN), "ClientWithoutRegistration$Api is built as a REST client but is not",
                "UnregisteredBody travels through REST client Api");
    }

    @Test
    void theAwsSdkIsGivenItsHttpClient() {
        assertEquals(List.of(), NativeRules.awsHttpClientProblems(MAIN, NativeReadinessTest::onClassPath));
        assertCaught(NativeRules.awsHttpClientProblems(BROKEN, NativeReadinessTest::onClassPath), "SdkAndJdbcByLookup.sqs() builds");
        assertCaught(NativeRules.awsHttpClientProblems(MAIN, name -> !name.contains("url-connection") && onClassPath(name)),
                "URL-connection HTTP client is incomplete");
        assertCaught(NativeRules.awsHttpClientProblems(MAIN, name -> name.contains("apache5") || onClassPath(name)),
                "another AWS SDK HTTP client");
    }

    @Test
    void sqliteCarriesItsNativeLibraryAndFeature() {
        assertEquals(List.of(), NativeRules.sqliteProblems(MAIN, NativeReadinessTest::resource));
        assertCaught(NativeRules.sqliteProblems(BROKEN, NativeReadinessTest::resource), "SdkAndJdbcByLookup.sqlite() finds the JDBC driver");
        assertCaught(NativeRules.sqliteProblems(MAIN, name -> name.contains("aarch64") ? null : resource(name)),
                "no native library for Linux aarch64");
        assertCaught(NativeRules.sqliteProblems(MAIN, name -> name.endsWith(".properties") ? "Args=--enable-url-protocols=jar" : resource(name)),
                "SqliteJdbcFeature is missing");
    }

    @Test
    void resourcesReadAtRunTimeAreInTheImage() throws IOException {
        String includes = shipped().getProperty("quarkus.native.resources.includes");
        assertEquals(List.of(), NativeRules.resourceProblems(includes, runTimeResources()));
        assertCaught(NativeRules.resourceProblems(includes.replace("openapi/**", ""), runTimeResources()), "openapi/ is read at run time");
    }

    /**
     * Folders of src/main/resources other than META-INF and Qute's own (templates/ goes into the image through the Qute
     * extension, messages/ is compiled into the message bundle's class at build time), and libphonenumber's data.
     */
    static List<String> runTimeResources() throws IOException {
        List<String> folders = new ArrayList<>(List.of("com/google/i18n/phonenumbers/data"));
        try (Stream<Path> top = Files.list(Path.of("src/main/resources"))) {
            top.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !List.of("META-INF", "templates", "messages").contains(n)).sorted()
                    .forEach(folders::add);
        }
        return folders;
    }

    static Properties shipped() throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    static boolean onClassPath(String name) {
        return NativeReadinessTest.class.getClassLoader().getResource(name) != null;
    }

    /** A class-path resource as text (binary ones only need to exist), or null. */
    static String resource(String name) {
        try (InputStream in = NativeReadinessTest.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : name.endsWith(".so") ? "present" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertCaught(List<String> problems, String... expected) {
        for (String e : expected) {
            assertTrue(problems.stream().anyMatch(p -> p.contains(e)), "expected a problem containing '" + e + "', got " + problems);
        }
    }
}
