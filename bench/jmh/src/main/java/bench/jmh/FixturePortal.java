package bench.jmh;

import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import ru.metricarelay.source.bitrix24.PortalClient;

/**
 * The Bitrix24 portal's REST methods answered from memory with a fixture's stubs — the answers SourceFixturesTest
 * serves from its loopback stand-in — so that the real Bitrix24Adapter reads the deal and its contact through its
 * own Portal (call budget, timeout, retry, "result" check) without Quarkus' REST client or a socket. What is left
 * out is the HTTP round trip itself.
 */
final class FixturePortal implements PortalClient {

    /** method (crm.deal.get.json) → id → answer body; looked up without allocating, as it runs inside the benchmark. */
    private final Map<String, Map<String, String>> answers = new HashMap<>();
    private final String fixture;

    FixturePortal(Fixture fixture) {
        this.fixture = fixture.name();
        for (Fixture.Stub stub : fixture.stubs()) {
            if (stub.status() != 200) {
                throw new IllegalArgumentException(fixture.name() + ": the benchmark stubs answers only, not HTTP "
                        + stub.status() + " (" + stub.method() + ")");
            }
            answers.computeIfAbsent(stub.method(), m -> new HashMap<>()).put(stub.id(), stub.body());
        }
    }

    @Override
    public Uni<String> deal(String id) {
        return answer("crm.deal.get.json", id);
    }

    @Override
    public Uni<String> lead(String id) {
        return answer("crm.lead.get.json", id);
    }

    @Override
    public Uni<String> contact(String id) {
        return answer("crm.contact.get.json", id);
    }

    private Uni<String> answer(String method, String id) {
        String body = answers.getOrDefault(method, Map.of()).get(id);
        return body != null ? Uni.createFrom().item(body)
                : Uni.createFrom().failure(new IllegalStateException(fixture + " stubs no " + method + "?id=" + id));
    }
}
