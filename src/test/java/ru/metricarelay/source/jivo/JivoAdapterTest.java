package ru.metricarelay.source.jivo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.Chat;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Skipped;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** Event selection, ClientId sources and settings the fixtures cannot vary. */
class JivoAdapterTest {

    static final String CHAT_ACCEPTED = "/payloads/jivo/chat_accepted_docs_verbatim.json";
    static final String OFFLINE = "/payloads/jivo/offline_message_docs_verbatim.json";
    static final String CLIENT_ID = "1674202831464027743";

    static JivoAdapter adapter(String... keyValues) {
        return new JivoAdapter(Sources.config(JivoConfig.class, "relay.sources.jivo", keyValues));
    }

    static List<SourceItem> read(JivoAdapter adapter, String body) {
        return Sources.read(adapter, Sources.request("jivo", "application/json", body));
    }

    static String event(String name, String more) {
        return "{\"event_name\":\"" + name + "\",\"widget_id\":\"3948\",\"chat_id\":7636" + more + "}";
    }

    static String clientId(JivoAdapter adapter, String body) {
        return ((DealEvent) read(adapter, body).get(0)).identity().clientId();
    }

    @Test
    void jivoIsAnsweredWithResultOk() {
        assertEquals(Map.of("result", "ok"), adapter().answerExtras(null, java.util.List.of()));
    }

    @Test
    void byDefaultOneEventPerChat() {
        JivoAdapter adapter = adapter();
        assertEquals(DealEvent.class, read(adapter, event("chat_accepted", "")).get(0).getClass());
        assertEquals(DealEvent.class, read(adapter, event("offline_message", ",\"offline_message_id\":5")).get(0).getClass());
        for (String later : List.of("chat_updated", "chat_finished")) {
            assertEquals(List.of(new Skipped("jivo:3948:7636", "jivo", "event_not_enabled: " + later + " (relay.sources.jivo.events)")),
                    read(adapter, event(later, "")));
        }
    }

    @Test
    void theEventSetIsConfigurableAndEveryEventOfAChatHasTheChatsId() {
        JivoAdapter adapter = adapter("events", "chat_finished, CHAT_UPDATED");
        assertEquals("jivo:3948:7636", read(adapter, event("chat_finished", "")).get(0).eventId());
        assertEquals("jivo:3948:7636", read(adapter, event("chat_updated", "")).get(0).eventId());
        assertEquals(Skipped.class, read(adapter, event("chat_accepted", "")).get(0).getClass());
    }

    @Test
    void unknownEventsAreSkippedAndTheirNamesOnlyEchoedWhenPlain() {
        assertEquals("unsupported_event: call_event", ((Skipped) read(adapter(), event("call_event", "")).get(0)).reason());
        assertEquals("unsupported_event: unknown", ((Skipped) read(adapter(), event("<b>x</b>", "")).get(0)).reason());
        assertEquals("unsupported_event: unknown", ((Skipped) read(adapter("events", "<b>x</b>"), event("<b>x</b>", "")).get(0)).reason());
    }

    @Test
    void clientIdFromUserTokenThenCustomData() {
        JivoAdapter adapter = adapter();
        assertEquals(CLIENT_ID, clientId(adapter, event("chat_accepted", ",\"user_token\":\"" + CLIENT_ID + "\"")));
        assertEquals(CLIENT_ID, clientId(adapter, event("chat_accepted", ",\"user_token\":" + CLIENT_ID)), "a JSON number");
        String userTokenWins = ",\"user_token\":\"" + CLIENT_ID + "\",\"custom_data\":[{\"title\":\"ClientId\",\"content\":\"1700000000123456789\"}]";
        assertEquals(CLIENT_ID, clientId(adapter, event("chat_accepted", userTokenWins)));
        assertEquals("1700000000123456789", clientId(adapter, event("chat_accepted",
                ",\"visitor\":{\"custom_data\":{\"ym_uid\":\"1700000000123456789\"}}")), "an object on visitor");
        assertNull(clientId(adapter, event("chat_accepted", ",\"custom_data\":[{\"title\":\"Visitor\",\"content\":\"" + CLIENT_ID + "\"}]")));
        assertEquals(CLIENT_ID, clientId(adapter("client-id-keys", "visitor"),
                event("chat_accepted", ",\"custom_data\":[{\"title\":\"Visitor\",\"content\":\"" + CLIENT_ID + "\"}]")));
        assertNull(clientId(adapter, event("chat_accepted", ",\"user_token\":\"undefined\",\"custom_data\":[1,\"x\",null,{}]")));
    }

    @Test
    void yclidFromCustomDataOrThePage() {
        assertEquals("3851790612345678911", ((DealEvent) read(adapter(), event("chat_accepted",
                ",\"custom_data\":[{\"key\":\"YCLID\",\"value\":\"3851790612345678911\"}]")).get(0)).identity().yclid());
        assertEquals("3851790612345678911", ((DealEvent) read(adapter(), event("chat_accepted",
                ",\"page\":{\"url\":\"https://a.ru/x?yclid=3851790612345678911#top\"}")).get(0)).identity().yclid());
    }

    @Test
    void theSamplesAreKeyedByChatAndByOfflineMessage() {
        assertEquals("jivo:3948:7636", read(adapter(), Sources.resource(CHAT_ACCEPTED)).get(0).eventId());
        assertEquals("jivo:3948:offline:1665399500726", read(adapter(), Sources.resource(OFFLINE)).get(0).eventId());
        assertEquals("jivo:3948:2026", read(adapter(), Sources.resource(OFFLINE).replace("\"offline_message_id\": 1665399500726", "\"x\": 1"))
                .get(0).eventId(), "no offline_message_id: the chat id");
        assertEquals("jivo:main:7636", read(adapter("account", "main"), Sources.resource(CHAT_ACCEPTED).replace("\"widget_id\": \"3948\",", ""))
                .get(0).eventId(), "no widget_id: the account setting");
    }

    @Test
    void aChatPlatformAddsAChatRecord() {
        assertNull(((DealEvent) read(adapter(), event("chat_accepted", "")).get(0)).chat());
        assertEquals(new Chat("whatsapp", null, null),
                ((DealEvent) read(adapter("chat-platform", "WhatsApp"), event("chat_accepted", "")).get(0)).chat());
    }

    @Test
    void bodiesJivoWouldNeverSendAre422() {
        for (String body : List.of("{\"widget_id\":\"3948\",\"chat_id\":1}", "[{\"event_name\":\"chat_accepted\"}]",
                "{\"event_name\":\"chat_accepted\",\"widget_id\":\"3948\"}")) {
            assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter(), body)).status(), body);
        }
    }
}
