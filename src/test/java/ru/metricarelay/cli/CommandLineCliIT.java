package ru.metricarelay.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.metricarelay.support.MetricaCounter;
import ru.metricarelay.support.MetricaStandIn;

/**
 * The packaged jar for real (target/quarkus-app/quarkus-run.jar, a child process per run, prod settings from
 * the environment) against the loopback Metrica: the doctor and provision commands' exit codes and output, and
 * the HTTP service when no command is given (with RELAY_LOG_FORMAT=json). Bounded: each run is killed after 60 s.
 */
class CommandLineCliIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final List<String> GOALS = List.of("jivo_chat", "marquiz_lead", "max_start", "telegram_start", "tilda_form", "vk_start");
    static final MetricaCounter COUNTER = new MetricaCounter();
    static WireMockServer metrica;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void standIn() {
        assertTrue(Files.isRegularFile(JAR), "package the jar first: " + JAR);
        metrica = MetricaStandIn.serve(COUNTER);
    }

    @AfterAll
    static void stop() {
        metrica.stop();
    }

    @BeforeEach
    void fresh() {
        MetricaStandIn.reset(metrica);
        COUNTER.reset();
    }

    static ProcessBuilder jar(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(Path.of("target").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("RELAY_") || k.startsWith("METRICA_"));
        env.put("METRICA_TOKEN", MetricaStandIn.TOKEN);
        env.put("METRICA_COUNTER_ID", Long.toString(MetricaStandIn.COUNTER));
        env.put("METRICA_API_URL", metrica.baseUrl());
        env.put("RELAY_SECRET", "cli-secret-1");
        return pb;
    }

    static Run run(String... args) throws Exception {
        Process p = jar(args).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the command did not end within 60 s");
        }
        Run run = new Run(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        assertFalse(run.out().contains(MetricaStandIn.TOKEN) || run.err().contains(MetricaStandIn.TOKEN), "the token was printed");
        return run;
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    int writes() {
        return metrica.findAll(postRequestedFor(anyUrl())).size();
    }

    @Test
    void doctorOnAHealthyCounterExitsZeroAndOpensNoPort() throws Exception {
        COUNTER.setUp(GOALS.toArray(String[]::new));
        Run run = run("doctor");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("doctor: nothing failed") && run.out().contains("goal tilda_form"), run.out());
        assertFalse(run.out().contains("fail "), run.out());
        assertFalse((run.out() + run.err()).contains("Listening on"), "a command must not open the HTTP port: " + run.err());
    }

    @Test
    void doctorWithAnUnknownTokenExitsOneWithPlainWords() throws Exception {
        metrica.stubFor(get(urlPathEqualTo("/management/v1/counter/" + MetricaStandIn.COUNTER)).willReturn(aResponse().withStatus(401)
                .withBody("{\"errors\":[{\"error_type\":\"unauthorized\",\"message\":\"Invalid oauth_token\"}],\"code\":401}")));
        Run run = run("doctor");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("fail  token") && run.out().contains("fix: Get a new OAuth token"), run.out());
    }

    @Test
    void provisionDryRunWritesNothingThenProvisionCreatesThenASecondRunWritesNothing() throws Exception {
        Run dry = run("provision", "--dry-run");
        assertEquals(0, dry.exit(), dry.toString());
        assertTrue(dry.out().contains("would_create") && dry.out().contains("dry run"), dry.out());
        assertEquals(0, writes());

        Run first = run("provision");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().contains("created") && first.out().contains("(read back)"), first.out());
        assertEquals(GOALS, COUNTER.exactActionGoals().stream().sorted().toList());
        int written = writes();
        assertTrue(written > 0);

        Run second = run("provision", "--json");
        assertEquals(0, second.exit(), second.toString());
        JsonNode report = new ObjectMapper().readTree(second.out());
        assertTrue(report.path("ok").asBoolean() && report.path("changes").isEmpty(), second.out());
        assertEquals(written, writes(), "the second run wrote to Metrica");

        assertEquals(2, run("provision", "--no-such-option").exit(), "a usage error exits 2");
    }

    @Test
    void withoutACommandTheJarServesHttpAndLogsJsonWithTheRequestId() throws Exception {
        ProcessBuilder pb = jar();
        pb.environment().put("QUARKUS_HTTP_PORT", "0");
        pb.environment().put("RELAY_LOG_FORMAT", "json");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // the process is gone
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int port = port(lines);
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode());
            assertEquals(200, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/openapi")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/swagger-ui")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "Swagger UI is for dev mode only");
            HttpResponse<String> hook = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/nope"))
                    .header("X-Request-Id", "cli-req-42").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, hook.statusCode());
            JsonNode access = null;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (access == null && System.nanoTime() < until) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith("{") && line.contains("ru.metricarelay.access")) {
                    access = new ObjectMapper().readTree(line);
                }
            }
            assertTrue(access != null, "no JSON access log line");
            assertEquals("cli-req-42", access.path("mdc").path("request_id").asText(), access.toString());
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** The port Quarkus chose (QUARKUS_HTTP_PORT=0), from its JSON start-up line. */
    static int port(LinkedBlockingQueue<String> lines) throws Exception {
        Pattern listening = Pattern.compile("Listening on: http://[^:]+:(\\d+)");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < until) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher m = listening.matcher(line);
            if (m.find()) {
                assertTrue(line.startsWith("{"), "RELAY_LOG_FORMAT=json did not give JSON lines: " + line);
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the service did not start within 60 s: " + seen);
    }
}
