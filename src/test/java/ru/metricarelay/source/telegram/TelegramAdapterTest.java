package ru.metricarelay.source.telegram;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.InboundRequest;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** The secret-token check, payload forms and update kinds, with settings the fixtures cannot vary. */
class TelegramAdapterTest {

    static final String JSON = "application/json";
    static final String SAMPLE = "/payloads/telegram/start_deeplink_clientid_RECONSTRUCTED.json";
    static final String CLIENT_ID = "1674202831464027743";

    static TelegramAdapter adapter(String... keyValues) {
        return new TelegramAdapter(Sources.config(TelegramConfig.class, "relay.sources.telegram", keyValues));
    }

    static InboundRequest request(String body, String... headers) {
        return Sources.request("telegram", JSON, body, headers);
    }

    static List<SourceItem> read(TelegramAdapter adapter, String body) {
        return Sources.read(adapter, request(body));
    }

    /** A private /start message with this text, update 1, chat 42, message 7, date 1748600000. */
    static String message(String text) {
        return "{\"update_id\":1,\"message\":{\"message_id\":7,\"from\":{\"id\":42,\"is_bot\":false,\"first_name\":\"A\"},"
                + "\"chat\":{\"id\":42,\"type\":\"private\"},\"date\":1748600000,\"text\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}}";
    }

    static String clientId(TelegramAdapter adapter, String text) {
        return ((DealEvent) read(adapter, message(text)).get(0)).identity().clientId();
    }

    static String reason(TelegramAdapter adapter, String body) {
        return ((Skipped) read(adapter, body).get(0)).reason();
    }

    @Test
    void wrongOrMissingSecretTokenIs401AndNeverEchoed() {
        TelegramAdapter adapter = adapter("secret-token", "tok-A1,tok-B2");
        String sample = Sources.resource(SAMPLE);
        for (String[] headers : List.of(new String[] {"X-Telegram-Bot-Api-Secret-Token", "tok-C3"},
                new String[] {"X-Telegram-Bot-Api-Secret-Token", "tok-A1x"}, new String[] {"X-Telegram-Bot-Api-Secret-Token", ""},
                new String[] {"X-Relay-Secret", "tok-A1"}, new String[0])) {
            RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.authenticate(request(sample, headers)));
            assertEquals(401, problem.status());
            assertFalse(problem.getMessage().contains("tok-"), problem.getMessage());
        }
    }

    @Test
    void everyConfiguredSecretTokenIsValid() {
        TelegramAdapter adapter = adapter("secret-token", "tok-A1,tok-B2");
        String sample = Sources.resource(SAMPLE);
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "X-Telegram-Bot-Api-Secret-Token", "tok-A1")));
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "x-telegram-bot-api-secret-token", "tok-B2")));
    }

    @Test
    void withoutASecretTokenOnlyTheRelaySecretGuards() {
        assertDoesNotThrow(() -> adapter().authenticate(request(Sources.resource(SAMPLE))));
    }

    @Test
    void payloadForms() {
        TelegramAdapter adapter = adapter();
        assertEquals(CLIENT_ID, clientId(adapter, "/start " + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "/start ym" + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "/start YM" + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "/start@Shop_bot  " + CLIENT_ID + " "));
        assertNull(clientId(adapter, "/start lp2_" + CLIENT_ID), "an unknown prefix");
        assertEquals(CLIENT_ID, clientId(adapter("payload-prefixes", "lp2_,c91234567-"), "/start lp2_" + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter("payload-prefixes", "lp2_,c91234567-"), "/start c91234567-" + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter("payload-prefixes", "lp2_"), "/start ym" + CLIENT_ID), "ym stays understood");
        assertNull(clientId(adapter, "/start 18446744073709551616"), "above 2^64-1");
        assertNull(clientId(adapter, "/start ym87856"), "an order number");
    }

    @Test
    void malformedStartsAreSkippedWithTheirReasons() {
        TelegramAdapter adapter = adapter();
        assertEquals("start_without_payload: a bare /start carries no ClientId", reason(adapter, message("/start   ")));
        String invalid = "invalid_start_payload: a start payload is 1-64 characters of A-Z a-z 0-9 _ -";
        assertEquals(invalid, reason(adapter, message("/start " + "a".repeat(65))));
        assertEquals(invalid, reason(adapter, message("/start " + CLIENT_ID + " please")));
        assertEquals(invalid, reason(adapter, message("/start ym:" + CLIENT_ID)));
        String notStart = "not_a_start_command: only /start <payload> messages are relayed";
        assertEquals(notStart, reason(adapter, message("/started " + CLIENT_ID)));
        assertEquals(notStart, reason(adapter, message(CLIENT_ID)));
        assertEquals(notStart, reason(adapter, "{\"update_id\":1,\"message\":{\"message_id\":7,\"chat\":{\"id\":42},\"photo\":[]}}"));
        // 64 characters is within Telegram's limit: an event, only without a ClientId (the router says no_identity)
        assertNull(((DealEvent) read(adapter, message("/start " + "a".repeat(64))).get(0)).identity().clientId());
    }

    @Test
    void otherUpdatesAreSkipped() {
        TelegramAdapter adapter = adapter();
        assertEquals("callback_query: only /start messages are relayed",
                reason(adapter, "{\"update_id\":5,\"callback_query\":{\"id\":\"1\",\"data\":\"x\"}}"));
        assertEquals("unsupported_update: my_chat_member", reason(adapter, "{\"update_id\":5,\"my_chat_member\":{}}"));
        assertEquals("unsupported_update: unknown", reason(adapter, "{\"update_id\":5,\"<script>\":{}}"));
        assertEquals("unsupported_update: none", reason(adapter, "{\"update_id\":5}"));
        assertEquals("telegram:default:update:5", read(adapter, "{\"update_id\":5}").get(0).eventId());
    }

    @Test
    void chatDetailsAndOutputChat() {
        TelegramAdapter adapter = adapter("output", "CHAT");
        assertEquals(Output.CHAT, adapter.settings().output());
        DealEvent event = (DealEvent) read(adapter, Sources.resource(SAMPLE)).get(0);
        assertEquals(new Chat("telegram", "123456789", "irina_example"), event.chat());
    }

    @Test
    void theIdFallsBackToTheUpdateIdAndBrokenUpdatesAre422() {
        DealEvent event = (DealEvent) read(adapter(), "{\"update_id\":9,\"message\":{\"date\":1748600000,\"text\":\"/start "
                + CLIENT_ID + "\"}}").get(0);
        assertEquals("telegram:default:update:9", event.eventId());
        assertEquals(422, assertThrows(RelayProblem.class,
                () -> read(adapter(), "{\"message\":{\"text\":\"/start " + CLIENT_ID + "\"}}")).status());
        assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter(), message("/start x").replace("1748600000", "\"yesterday\""))).status());
        assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter(), "[" + message("/start x") + "]")).status());
    }
}
