package ru.metricarelay.source.wazzup;

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
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** The crmKey check, the ClientId-in-text rule, chat types and settings the fixtures cannot vary. */
class WazzupAdapterTest {

    static final String SAMPLE = "/payloads/wazzup/message_whatsapp_clientid_RECONSTRUCTED.json";
    static final String CLIENT_ID = "1674202831464027743";

    static WazzupAdapter adapter(String... keyValues) {
        return new WazzupAdapter(Sources.config(WazzupConfig.class, "relay.sources.wazzup", keyValues));
    }

    static InboundRequest request(String body, String... headers) {
        return Sources.request("wazzup", "application/json; charset=utf-8", body, headers);
    }

    static List<SourceItem> read(WazzupAdapter adapter, String body) {
        return Sources.read(adapter, request(body));
    }

    /** One inbound message of this chat type and text. */
    static String message(String chatType, String chatId, String text) {
        return "{\"messages\":[{\"messageId\":\"m-1\",\"dateTime\":\"2025-05-30T10:13:20.000Z\",\"chatType\":\"" + chatType
                + "\",\"chatId\":\"" + chatId + "\",\"type\":\"text\",\"isEcho\":false,\"contact\":{\"name\":\"Ирина\","
                + "\"username\":\"irina_example\"},\"text\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(text) + "}]}";
    }

    static DealEvent event(WazzupAdapter adapter, String body) {
        return (DealEvent) read(adapter, body).get(0);
    }

    @Test
    void wrongOrMissingCrmKeyIs401AndNeverEchoed() {
        WazzupAdapter adapter = adapter("crm-key", "key-A1,key-B2");
        String sample = Sources.resource(SAMPLE);
        for (String[] headers : List.of(new String[] {"Authorization", "Bearer key-C3"}, new String[] {"Authorization", "key-A1"},
                new String[] {"Authorization", "Basic key-A1"}, new String[] {"Authorization", "Bearer "},
                new String[] {"Authorization", "Bearer key-A1 key-B2"}, new String[0])) {
            RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.authenticate(request(sample, headers)));
            assertEquals(401, problem.status());
            assertFalse(problem.getMessage().contains("key-"), problem.getMessage());
        }
    }

    @Test
    void everyConfiguredCrmKeyIsValidAndTheSchemeIgnoresCase() {
        WazzupAdapter adapter = adapter("crm-key", "key-A1,key-B2");
        String sample = Sources.resource(SAMPLE);
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "Authorization", "Bearer key-A1")));
        assertDoesNotThrow(() -> adapter.authenticate(request(sample, "authorization", "bearer  key-B2 ")));
        assertDoesNotThrow(() -> adapter().authenticate(request(sample)), "no crmKey configured: no check");
    }

    @Test
    void theFirstValidClientIdInTheText() {
        WazzupAdapter adapter = adapter();
        assertEquals(CLIENT_ID, adapter.clientIdIn("Здравствуйте! Код: " + CLIENT_ID));
        assertEquals(CLIENT_ID, adapter.clientIdIn("99999999999999999999 is above 2^64, " + CLIENT_ID + " is not"));
        assertEquals(CLIENT_ID, adapter.clientIdIn("ym" + CLIENT_ID + "x"));
        assertNull(adapter.clientIdIn("+7 999 000-11-22, заказ 87856"));
        assertNull(adapter.clientIdIn("1" + CLIENT_ID + "12"), "part of a longer number");
        assertNull(adapter.clientIdIn(null));
    }

    @Test
    void aMarkerPicksTheDigitsAfterIt() {
        WazzupAdapter adapter = adapter("client-id-marker", "код");
        assertEquals(CLIENT_ID, adapter.clientIdIn("Заказ 1700000000123456789. КОД: " + CLIENT_ID));
        assertEquals(CLIENT_ID, adapter.clientIdIn("код 87856, Код #" + CLIENT_ID));
        assertNull(adapter.clientIdIn("Заказ " + CLIENT_ID + " без кода"));
        assertNull(adapter.clientIdIn("код: ещё нет, " + CLIENT_ID));
    }

    @Test
    void chatTypesBecomeMetricaPlatforms() {
        WazzupAdapter adapter = adapter();
        assertEquals(new Chat("whatsapp", null, "irina_example"), event(adapter, message("whatsapp", "79990001122", CLIENT_ID)).chat());
        assertEquals(List.of("79990001122"), event(adapter, message("whatsapp", "79990001122", CLIENT_ID)).identity().phones());
        assertEquals(new Chat("telegram", "555", "irina_example"), event(adapter, message("tgapi", "555", CLIENT_ID)).chat());
        assertEquals(new Chat("viber", "vb-1", "irina_example"), event(adapter, message("Viber", "vb-1", CLIENT_ID)).chat());
        // a Telegram chatId is a user id, never read as a phone
        assertEquals(List.of(), event(adapter, message("telegram", "79990001122", CLIENT_ID)).identity().phones());
        assertEquals("unsupported_chat_type: avito (Metrica chats are whatsapp, telegram or viber)",
                ((Skipped) read(adapter, message("avito", "1", CLIENT_ID)).get(0)).reason());
        assertEquals("unsupported_chat_type: unknown (Metrica chats are whatsapp, telegram or viber)",
                ((Skipped) read(adapter, message("<i>", "1", CLIENT_ID)).get(0)).reason());
        assertEquals("group_chat: telegroup (a group is not one visitor)",
                ((Skipped) read(adapter, message("telegroup", "1", CLIENT_ID)).get(0)).reason());
    }

    @Test
    void withOutputConversionEveryChannelCounts() {
        DealEvent instagram = event(adapter("output", "CONVERSION"), message("instagram", "irina.example", CLIENT_ID));
        assertEquals(CLIENT_ID, instagram.identity().clientId());
        assertNull(instagram.chat());
    }

    @Test
    void emptyOrForeignBodiesAreSkippedBrokenOnesAre422() {
        assertEquals(List.of(new Skipped("wazzup:default:none", "wazzup", "no_messages: expected messages[] or statuses[]")),
                read(adapter(), "{\"createContact\":{\"id\":\"1\"}}"));
        assertEquals(List.of(new Skipped("wazzup:default:test", "wazzup", "test_ping")), read(adapter(), "{\"test\":\"true\"}"));
        assertEquals(Skipped.class, read(adapter(), "{\"test\":false}").get(0).getClass());
        for (String body : List.of("{\"messages\":{}}", "{\"messages\":[1]}", "{\"messages\":[{\"text\":\"x\"}]}",
                "{\"messages\":[{\"messageId\":\"m\",\"chatType\":\"whatsapp\",\"dateTime\":\"вчера\"}]}", "[{\"messageId\":\"m\"}]", "{\"statuses\":\"x\"}")) {
            assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter(), body)).status(), body);
        }
    }

    @Test
    void theAccountSettingNamesTheIds() {
        assertEquals("wazzup:shop2:m-1", read(adapter("account", "shop2"), message("whatsapp", "79990001122", "x")).get(0).eventId());
    }
}
