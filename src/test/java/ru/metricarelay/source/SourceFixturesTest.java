package ru.metricarelay.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.RawHttp;
import ru.metricarelay.support.VendorApiStandIn;

/**
 * One folder per source under src/test/resources/fixtures/&lt;source&gt;/, one *.case.json per case:
 * a webhook in, the canonical events the adapter must read out of it ("events", optional) and the
 * exact dry-run answer — with the Metrica requests it would send — the relay must give ("status",
 * "response"; a string for a sender answered in plain text), and what /admin/deliveries kept of it ("delivered",
 * optional). See fixtures/README.md for the format. A case's "stubs" are served by the vendor API
 * stand-in (adapters that read data back, like Bitrix24's crm.deal.get).
 */
@QuarkusTest
@ExtendWith(Leaks.class)
@WithTestResource(value = VendorApiStandIn.class, scope = TestResourceScope.GLOBAL)
class SourceFixturesTest {

    static final Path ROOT = resources().resolve("fixtures");
    /** Numbers compare by value: 45000.50 in a fixture equals 45000.5 in an answer. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> a.equals(b) ? 0
            : a instanceof NumericNode && b instanceof NumericNode && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    @Inject
    SourceRegistry sources;
    @Inject
    BodyReader bodies;
    @Inject
    ObjectMapper mapper;

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL root;

    @VendorApiStandIn.Server
    WireMockServer vendorApi;

    @TestFactory
    Stream<DynamicNode> fixtures() throws IOException {
        List<DynamicNode> folders = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(ROOT)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                List<DynamicTest> cases = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".case.json")).sorted()
                            .forEach(f -> cases.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(dir, f))));
                }
                folders.add(DynamicContainer.dynamicContainer(dir.getFileName().toString(), cases));
            }
        }
        return folders.stream();
    }

    void run(Path dir, Path file) throws Exception {
        JsonNode fixture = mapper.readTree(file.toFile());
        String source = fixture.path("source").asText(dir.getFileName().toString());
        JsonNode req = fixture.path("request");
        Instant receivedAt = Instant.parse(fixture.path("received_at").asText("2025-06-01T09:00:00Z"));
        ReceiptClock pinned = new ReceiptClock() {
            @Override
            public Instant now() {
                return receivedAt;
            }
        };
        QuarkusMock.installMockForType(pinned, ReceiptClock.class);
        VendorApiStandIn.reset(vendorApi);
        for (JsonNode stub : fixture.path("stubs")) {
            stub(stub);
        }

        String method = req.path("method").asText("POST");
        Map<String, String> headers = new LinkedHashMap<>();
        req.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        byte[] body = body(req);
        String query = req.path("query").isTextual() ? req.get("query").asText() : null;

        if (fixture.has("events")) {
            Map<String, String> lower = new LinkedHashMap<>();
            headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
            InboundRequest inbound = bodies.read(source, method, lower, query, body);
            var adapter = sources.find(source).orElseThrow();
            adapter.authenticate(inbound);
            var events = adapter.read(inbound).await().indefinitely();
            assertJson(fixture.get("events"), mapper.valueToTree(events), "canonical events of " + file.getFileName());
        }

        if (req.path("relay_secret").asBoolean(true)) {
            headers.put("X-Relay-Secret", "relay-test-secret-A1");
        }
        String path = req.path("path").asText("/hooks/" + source) + (query == null ? "" : "?" + query);
        RawHttp.Answer response = RawHttp.send(root.toString(), method, path, headers, body);
        assertEquals(fixture.path("status").asInt(200), response.status(), () -> "status of " + file.getFileName()
                + ": " + response.body());
        if (fixture.path("response").isTextual()) {
            // a sender that reads plain text (VK): the whole body, as text/plain
            assertEquals(fixture.get("response").asText(), response.body(), () -> "answer to " + file.getFileName());
            assertTrue(response.contentType().startsWith("text/plain"), () -> file.getFileName() + ": " + response.contentType());
        } else if (fixture.has("response")) {
            JsonNode answer = mapper.readTree(response.body());
            assertRefsResolve(answer, file);
            assertJson(fixture.get("response"), answer, "answer to " + file.getFileName());
        }
        if (fixture.has("delivered")) {
            assertDelivered(source, fixture.get("delivered"), file);
        }
    }

    /**
     * What /admin/deliveries kept of this webhook (its newest delivery): each field the fixture names. For a sender
     * answered in plain text, this is where the results, the dry-run requests and a refusal answered "ok" are read.
     */
    void assertDelivered(String source, JsonNode expected, Path file) throws IOException {
        RawHttp.Answer list = RawHttp.send(root.toString(), "GET", "/admin/deliveries?limit=1&source=" + source,
                Map.of("X-Relay-Secret", "relay-test-secret-A1"), new byte[0]);
        assertEquals(200, list.status(), list::body);
        JsonNode delivery = mapper.readTree(list.body()).path("deliveries").path(0);
        assertRefsResolve(delivery, file);
        expected.fields().forEachRemaining(f -> {
            JsonNode actual = delivery.path(f.getKey());
            if (f.getValue().isNull()) { // "problem": null — none kept
                assertTrue(actual.isMissingNode() || actual.isNull(), () -> "delivery." + f.getKey() + " of " + file.getFileName() + ": " + actual);
            } else {
                assertJson(f.getValue(), actual, "delivery." + f.getKey() + " of " + file.getFileName());
            }
        });
    }

    /**
     * Requests that carry several events are listed once in "requests" and each of those results points at them with
     * "request_refs" (docs/architecture.md#answers): every ref must name a listed request, every listed request must
     * carry some result, and no result may have both.
     */
    static void assertRefsResolve(JsonNode answer, Path file) {
        int listed = answer.path("requests").size();
        Set<Integer> used = new TreeSet<>();
        for (JsonNode result : answer.path("results")) {
            assertFalse(result.has("request") && result.has("request_refs"), () -> file.getFileName() + ": both request and request_refs");
            result.path("request_refs").forEach(ref -> used.add(ref.asInt()));
        }
        assertEquals(IntStream.range(0, listed).boxed().toList(), List.copyOf(used),
                () -> file.getFileName() + ": request_refs do not name exactly the listed requests");
    }

    void assertJson(JsonNode expected, JsonNode actual, String what) {
        assertTrue(expected.equals(NUMERIC, actual), () -> what + " differs.\nexpected: "
                + pretty(expected) + "\nactual:   " + pretty(actual));
    }

    String pretty(JsonNode node) {
        return node.toPrettyString();
    }

    /** {"method":"GET","path":"/rest/..","query":{"id":"410"},"status":200,"body_file"|"body":..}: one vendor API answer. */
    void stub(JsonNode stub) throws IOException {
        MappingBuilder request = WireMock.request(stub.path("method").asText("GET"),
                WireMock.urlPathEqualTo(stub.get("path").asText()));
        for (var q : (Iterable<Map.Entry<String, JsonNode>>) stub.path("query")::fields) {
            request = request.withQueryParam(q.getKey(), WireMock.equalTo(q.getValue().asText()));
        }
        vendorApi.stubFor(request.willReturn(WireMock.aResponse().withStatus(stub.path("status").asInt(200))
                .withHeader("Content-Type", "application/json").withBody(body(stub))));
    }

    byte[] body(JsonNode req) throws IOException {
        if (req.has("body_file")) {
            return Files.readAllBytes(resources().resolve(req.get("body_file").asText()));
        }
        JsonNode body = req.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        return (body.isTextual() ? body.asText() : mapper.writeValueAsString(body)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Path resources() {
        try {
            return Path.of(SourceFixturesTest.class.getResource("/fixtures").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
