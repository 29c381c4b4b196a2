package ru.metricarelay.source.max;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** MAX's secret header, the payload forms and limits, the update kinds and the time in milliseconds. */
class MaxAdapterTest {

    static final String SAMPLE = "/payloads/max/bot_started_payload_clientid_RECONSTRUCTED.json";
    static final String CLIENT_ID = "1674202831464027743";

    static MaxAdapter adapter(String... keyValues) {
        return new MaxAdapter(Sources.config(MaxConfig.class, "relay.sources.max", keyValues));
    }

    static InboundRequest request(String body, String... headers) {
        return Sources.request("max", "application/json", body, headers);
    }

    static List<SourceItem> read(MaxAdapter adapter, String body) {
        return Sources.read(adapter, request(body));
    }

    /** bot_started in dialog 805, by user 213, at 1748600000123 ms, with this payload (null: none). */
    static String started(String payload) {
        return "{\"update_type\":\"bot_started\",\"timestamp\":1748600000123,\"chat_id\":805,"
                + "\"user\":{\"user_id\":213,\"first_name\":\"A\",\"username\":\"irina_example\",\"is_bot\":false}"
                + (payload == null ? "" : ",\"payload\":" + TextNode.valueOf(payload)) + "}";
    }

    static String clientId(MaxAdapter adapter, String payload) {
        return ((DealEvent) read(adapter, started(payload)).get(0)).identity().clientId();
    }

    static String reason(MaxAdapter adapter, String body) {
        return ((Skipped) read(adapter, body).get(0)).reason();
    }

    @Test
    void aWrongOrMissingSecretHeaderIs401AndNeverEchoed() {
        MaxAdapter adapter = adapter("secret", "max-A1,max-B2");
        String sample = Sources.resource(SAMPLE);
        for (String[] headers : List.of(new String[] {"X-Max-Bot-Api-Secret", "max-C3"}, new String[] {"X-Max-Bot-Api-Secret", "max-A1x"},
                new String[] {"X-Max-Bot-Api-Secret", ""}, new String[] {"X-Relay-Secret", "max-A1"}, new String[0])) {
            RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.authenticate(request(sample, headers)));
            assertEquals(401, problem.status());
            assertFalse(problem.getMessage().contains("max-"), problem.getMessage());
        }
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "X-Max-Bot-Api-Secret", "max-A1")));
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "x-max-bot-api-secret", "max-B2")));
        assertDoesNotThrow(() -> adapter().authenticate(request(sample)), "no secret: only the relay secret guards");
    }

    @Test
    void payloadForms() {
        MaxAdapter adapter = adapter();
        assertEquals(CLIENT_ID, clientId(adapter, CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "ym" + CLIENT_ID));
        assertNull(clientId(adapter, "lp2_" + CLIENT_ID), "an unknown prefix");
        assertEquals(CLIENT_ID, clientId(adapter("payload-prefixes", "lp2_"), "lp2_" + CLIENT_ID));
        assertNull(clientId(adapter, "ym87856"), "an order number");
        // 512 characters is within MAX's limit: an event, only without a ClientId (the router says no_identity)
        assertNull(clientId(adapter, "a".repeat(512)));
        assertEquals("invalid_start_payload: a start payload is at most 512 characters", reason(adapter, started("a".repeat(513))));
        assertEquals("start_without_payload: the bot was started without a deep link's ?start=, so no ClientId",
                reason(adapter, started(null)));
        assertEquals("start_without_payload: the bot was started without a deep link's ?start=, so no ClientId",
                reason(adapter, started(" ")));
    }

    @Test
    void theTimeIsUnixMillisecondsAndTheDialogAndMomentKeyTheEvent() {
        DealEvent event = (DealEvent) read(adapter(), started("ym" + CLIENT_ID)).get(0);
        assertEquals("max:default:805:1748600000123", event.eventId());
        assertEquals("2025-05-30T10:13:20.123Z", event.occurredAt().toString());
        assertNull(event.chat());
        DealEvent noChat = (DealEvent) read(adapter(), started("ym" + CLIENT_ID).replace("\"chat_id\":805,", "")).get(0);
        assertEquals("max:default:user:213:1748600000123", noChat.eventId());
        for (String bad : List.of("\"yesterday\"", "1.5", "-1", "null", "\"\"")) {
            assertEquals("timestamp", assertThrows(RelayProblem.class,
                    () -> read(adapter(), started("x").replace("1748600000123", bad))).toProblem(null).field(), bad);
        }
        assertEquals("chat_id", assertThrows(RelayProblem.class, () -> read(adapter(),
                "{\"update_type\":\"bot_started\",\"timestamp\":1748600000123,\"payload\":\"x\"}")).toProblem(null).field());
    }

    @Test
    void aConfiguredChatPlatformKeepsTheUser() {
        DealEvent event = (DealEvent) read(adapter("chat-platform", "telegram"), started("ym" + CLIENT_ID)).get(0);
        assertEquals(new Chat("telegram", "213", "irina_example"), event.chat());
    }

    @Test
    void otherUpdatesAreSkippedWithTheirReasons() {
        MaxAdapter adapter = adapter();
        String created = "{\"update_type\":\"message_created\",\"timestamp\":1748600200000,\"message\":{\"body\":{\"text\":\"" + CLIENT_ID + "\"}}}";
        assertEquals("message_created: only bot_started with a deep-link payload is relayed", reason(adapter, created));
        assertEquals("max:default:update:message_created:1748600200000", read(adapter, created).get(0).eventId());
        assertEquals("unsupported_update: message_callback", reason(adapter, "{\"update_type\":\"message_callback\",\"timestamp\":1}"));
        assertEquals("unsupported_update: unknown", reason(adapter, "{\"update_type\":\"<script>\",\"timestamp\":1}"));
        assertEquals("max:default:update:bot_added:none", read(adapter, "{\"update_type\":\"bot_added\"}").get(0).eventId());
        assertEquals("update_type", assertThrows(RelayProblem.class, () -> read(adapter, "{\"timestamp\":1}")).toProblem(null).field());
        assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter, "[" + started("x") + "]")).status());
        // an exponent beyond any number (a mutated sample found it): unreadable, 400, never a 500
        assertEquals(400, assertThrows(RelayProblem.class, () -> read(adapter, started("x").replace("1748600000123", "17e8600000123")))
                .status());
    }

    @Test
    void startUpRefusesChatsWithoutAPlatform() {
        assertTrue(MaxAdapter.setupProblem(Sources.config(MaxConfig.class, "relay.sources.max")).isEmpty());
        assertTrue(MaxAdapter.setupProblem(Sources.config(MaxConfig.class, "relay.sources.max", "output", "CHAT")).orElseThrow()
                .contains("whatsapp, telegram or viber"));
    }
}
