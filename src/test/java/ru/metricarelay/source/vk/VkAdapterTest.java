package ru.metricarelay.source.vk;

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

/** VK's own checks (body secret, community), the ref forms, the plain-text answers and the start-up checks. */
class VkAdapterTest {

    static final String SAMPLE = "/payloads/vk/message_new_ref_clientid_RECONSTRUCTED.json";
    static final String CLIENT_ID = "1674202831464027743";

    static VkAdapter adapter(String... keyValues) {
        return new VkAdapter(Sources.config(VkConfig.class, "relay.sources.vk", keyValues));
    }

    static InboundRequest request(String body) {
        return Sources.request("vk", "application/json", body);
    }

    static List<SourceItem> read(VkAdapter adapter, String body) {
        return Sources.read(adapter, request(body));
    }

    /** A message_new of community 218765432, event e1, with this ref (null: none) and secret s-1. */
    static String message(String ref) {
        return "{\"group_id\":218765432,\"type\":\"message_new\",\"event_id\":\"e1\",\"v\":\"5.199\",\"secret\":\"s-1\","
                + "\"object\":{\"message\":{\"date\":1748600000,\"from_id\":512345678,\"id\":0,\"peer_id\":512345678,"
                + "\"conversation_message_id\":1,\"text\":\"Начать\"" + (ref == null ? "" : ",\"ref\":" + TextNode.valueOf(ref))
                + "}}}";
    }

    static String clientId(VkAdapter adapter, String ref) {
        return ((DealEvent) read(adapter, message(ref)).get(0)).identity().clientId();
    }

    static String reason(VkAdapter adapter, String body) {
        return ((Skipped) read(adapter, body).get(0)).reason();
    }

    @Test
    void aWrongOrMissingBodySecretIs401AndNeverEchoed() {
        VkAdapter adapter = adapter("secret", "s-1,s-2");
        for (String body : List.of(message("ym" + CLIENT_ID).replace("s-1", "s-3"), message("x").replace("s-1", "s-1x"),
                message("x").replace(",\"secret\":\"s-1\"", ""), message("x").replace("\"s-1\"", "null"), "[1]")) {
            RelayProblem problem = assertThrows(RelayProblem.class, () -> adapter.authenticate(request(body)));
            assertEquals(401, problem.status());
            assertFalse(problem.getMessage().contains("s-"), problem.getMessage());
        }
        assertDoesNotThrow(() -> adapter.authenticate(request(message("x"))));
        assertDoesNotThrow(() -> adapter.authenticate(request(message("x").replace("s-1", "s-2"))));
    }

    @Test
    void withoutASecretOnlyTheRelaySecretGuards() {
        assertDoesNotThrow(() -> adapter().authenticate(request(message("x").replace(",\"secret\":\"s-1\"", ""))));
    }

    @Test
    void aPinnedCommunityRefusesAnother() {
        VkAdapter pinned = adapter("group-id", "218765432");
        assertDoesNotThrow(() -> pinned.authenticate(request(message("x"))));
        for (String body : List.of(message("x").replace("218765432", "218765433"), message("x").replace("\"group_id\":218765432,", ""))) {
            assertEquals(401, assertThrows(RelayProblem.class, () -> pinned.authenticate(request(body))).status());
        }
    }

    @Test
    void refForms() {
        VkAdapter adapter = adapter();
        assertEquals(CLIENT_ID, clientId(adapter, CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "ym" + CLIENT_ID));
        assertEquals(CLIENT_ID, clientId(adapter, "YM" + CLIENT_ID));
        assertNull(clientId(adapter, "lp2_" + CLIENT_ID), "an unknown prefix");
        assertEquals(CLIENT_ID, clientId(adapter("payload-prefixes", "lp2_"), "lp2_" + CLIENT_ID));
        assertNull(clientId(adapter, "ym87856"), "an order number");
        assertNull(clientId(adapter, "18446744073709551616"), "above 2^64-1");
    }

    @Test
    void theEventIdKeysTheEventAndTheCommunityIsTheAccount() {
        DealEvent event = (DealEvent) read(adapter(), message("ym" + CLIENT_ID)).get(0);
        assertEquals("vk:218765432:e1", event.eventId());
        assertEquals("2025-05-30T10:13:20Z", event.occurredAt().toString());
        assertNull(event.chat(), "no chat-platform: no chat details");
        DealEvent noGroup = (DealEvent) read(adapter("account", "shop"), message("ym" + CLIENT_ID).replace("\"group_id\":218765432,", ""))
                .get(0);
        assertEquals("vk:shop:e1", noGroup.eventId());
    }

    @Test
    void aConfiguredChatPlatformKeepsTheSender() {
        DealEvent event = (DealEvent) read(adapter("chat-platform", "Telegram"), message("ym" + CLIENT_ID)).get(0);
        assertEquals(new Chat("telegram", "512345678", null), event.chat());
    }

    @Test
    void otherEventsAndMessagesWithoutRefAreSkipped() {
        VkAdapter adapter = adapter();
        assertEquals("message_without_ref: only a message opened from a vk.me link with ?ref= carries a ClientId",
                reason(adapter, message(null)));
        assertEquals("message_without_ref: only a message opened from a vk.me link with ?ref= carries a ClientId",
                reason(adapter, message("  ")));
        assertEquals("unsupported_event: message_reply", reason(adapter, message("x").replace("message_new", "message_reply")));
        assertEquals("unsupported_event: unknown", reason(adapter, message("x").replace("message_new", "<script>")));
        assertEquals("vk:218765432:event:group_leave",
                read(adapter, "{\"type\":\"group_leave\",\"group_id\":218765432}").get(0).eventId());
    }

    @Test
    void theConfirmationIsAnsweredWithTheConfiguredStringAndEverythingElseOk() {
        VkAdapter adapter = adapter("confirmation", " 3f9e2a1c ");
        String confirmation = "{\"type\":\"confirmation\",\"group_id\":218765432}";
        assertEquals("3f9e2a1c", adapter.textAnswer(request(confirmation), List.of()));
        assertEquals("confirmation: answered with relay.sources.vk.confirmation", reason(adapter, confirmation));
        assertEquals("ok", adapter.textAnswer(request(message("x")), List.of()));
        assertEquals("ok", adapter().textAnswer(request(confirmation), List.of()), "not connected: VK refuses the check");
        assertTrue(reason(adapter(), confirmation).startsWith("confirmation_not_configured: "));
    }

    @Test
    void onlyRefusalsVkWouldResendInVainAreAnsweredOk() {
        VkAdapter adapter = adapter();
        assertEquals("ok", adapter.textAnswerInstead(RelayProblem.badRequest("x")));
        assertEquals("ok", adapter.textAnswerInstead(RelayProblem.unsupportedMediaType("x")));
        assertEquals("ok", adapter.textAnswerInstead(RelayProblem.unprocessable("f", "x")));
        assertEquals("ok", adapter.textAnswerInstead(RelayProblem.metricaRejected("x", List.of())));
        assertNull(adapter.textAnswerInstead(RelayProblem.unauthorized("x")), "a wrong secret is refused");
        assertNull(adapter.textAnswerInstead(RelayProblem.notFound("x")));
        assertNull(adapter.textAnswerInstead(RelayProblem.metricaUnavailable("x", List.of())), "an outage: VK resends");
        assertNull(adapter.textAnswerInstead(RelayProblem.queueUnavailable("x")));
    }

    @Test
    void unreadableEventsAre422NamingTheField() {
        VkAdapter adapter = adapter();
        assertEquals("object.message", assertThrows(RelayProblem.class,
                () -> read(adapter, "{\"type\":\"message_new\",\"object\":{\"date\":1748600000}}")).toProblem(null).field());
        assertEquals("object.message.date", assertThrows(RelayProblem.class,
                () -> read(adapter, message("x").replace("1748600000", "\"yesterday\""))).toProblem(null).field());
        assertEquals("event_id", assertThrows(RelayProblem.class,
                () -> read(adapter, message("x").replace("\"event_id\":\"e1\",", "").replace("\"peer_id\":512345678,", "")))
                .toProblem(null).field());
        assertEquals("type", assertThrows(RelayProblem.class, () -> read(adapter, "{\"group_id\":1}")).toProblem(null).field());
        assertEquals(422, assertThrows(RelayProblem.class, () -> read(adapter, "[" + message("x") + "]")).status());
    }

    @Test
    void startUpRefusesALiveConnectedCommunityWithoutItsSecretAndChatsWithoutAPlatform() {
        assertEquals(1, VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk", "confirmation", "3f9e2a1c"), true).size());
        assertTrue(VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk", "confirmation", "3f9e2a1c"), false).isEmpty(),
                "dry-run sends nothing");
        assertTrue(VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk", "confirmation", "3f9e2a1c",
                "secret", "s-1"), true).isEmpty());
        assertTrue(VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk"), true).isEmpty(), "VK not connected");
        List<String> chat = VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk", "output", "CHAT"), false);
        assertEquals(1, chat.size());
        assertTrue(chat.get(0).contains("whatsapp, telegram or viber"), chat.get(0));
        assertTrue(VkAdapter.setupProblems(Sources.config(VkConfig.class, "relay.sources.vk", "output", "CHAT",
                "chat-platform", "telegram"), false).isEmpty());
    }
}
