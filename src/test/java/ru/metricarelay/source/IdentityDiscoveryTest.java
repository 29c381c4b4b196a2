package ru.metricarelay.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.SourceItem;

/** Where identity discovery finds a ClientId, and where it must not guess. */
class IdentityDiscoveryTest {

    static final String CID = "1674202831464027743";

    static JsonNode json(String text) throws Exception {
        return Json.READER.readTree(text);
    }

    static DealEvent event(String id) {
        return DealEvent.builder("generic", "default", id).build();
    }

    static String clientIdOf(IdentityDiscovery.Discovery d, int i) {
        return ((DealEvent) d.items().get(i)).identity().clientId();
    }

    @Test
    void namesMatchIgnoringCaseUnderscoresAndHyphens() throws Exception {
        for (String name : List.of("metrika_client_id", "Metrica-Client-Id", "YM_CLIENT_ID", "yaClientId", "_ym_uid", "ymuid",
                "ClientID", "client_id")) {
            var d = IdentityDiscovery.apply(List.of(event("1")), json("{\"a\":{\"" + name + "\":\"" + CID + "\"}}"), List.of());
            assertEquals(CID, clientIdOf(d, 0), name);
            assertEquals("/a/" + name, d.notes().get("generic:default:1").from());
        }
        for (String name : List.of("google_client_id", "ctClientId", "client", "uid")) {
            var d = IdentityDiscovery.apply(List.of(event("1")), json("{\"" + name + "\":\"" + CID + "\"}"), List.of());
            assertNull(clientIdOf(d, 0), name + " is not a Metrica ClientId name");
        }
    }

    @Test
    void invalidLookalikesAreNamedNeverUsed() throws Exception {
        var d = IdentityDiscovery.apply(List.of(event("1")), json("{\"_ym_uid\":\"87856\",\"x\":[{\"client_id\":\"undefined\"}]}"),
                List.of("/client_id"));
        assertNull(clientIdOf(d, 0));
        assertEquals(List.of("/client_id", "/_ym_uid"), d.notes().get("generic:default:1").lookedAt());
        assertEquals(List.of("/_ym_uid"), d.notes().get("generic:default:1").invalid());
    }

    @Test
    void noGuessInABatchOrWhenFieldsDisagree() throws Exception {
        List<SourceItem> two = List.of(event("1"), event("2"));
        var batch = IdentityDiscovery.apply(two, json("{\"ym_uid\":\"" + CID + "\"}"), List.of());
        assertNull(clientIdOf(batch, 0), "a field of a batch could belong to another deal");
        var disagree = IdentityDiscovery.apply(List.of(event("1")),
                json("{\"ym_uid\":\"" + CID + "\",\"b\":{\"client_id\":\"1700000000123456789\"}}"), List.of());
        assertNull(clientIdOf(disagree, 0), "two different ClientIds: no guess");
        var agree = IdentityDiscovery.apply(List.of(event("1")), json("{\"ym_uid\":\"" + CID + "\",\"b\":{\"client_id\":\"" + CID + "\"}}"),
                List.of());
        assertEquals(CID, clientIdOf(agree, 0));
    }

    @Test
    void anAdaptersOwnClientIdIsKept() throws Exception {
        DealEvent withId = DealEvent.builder("generic", "default", "1")
                .identity(ru.metricarelay.event.Identity.builder().clientId("1700000000123456789").build()).build();
        var d = IdentityDiscovery.apply(List.of(withId), json("{\"ym_uid\":\"" + CID + "\"}"), List.of());
        assertEquals("1700000000123456789", clientIdOf(d, 0));
        assertNull(d.notes().get("generic:default:1"), "every event had its ClientId: nothing looked for, nothing to explain");
    }
}
