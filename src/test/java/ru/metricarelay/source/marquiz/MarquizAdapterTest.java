package ru.metricarelay.source.marquiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;
import ru.metricarelay.event.DealEvent;
import ru.metricarelay.event.Goal;
import ru.metricarelay.event.Output;
import ru.metricarelay.event.SourceItem;
import ru.metricarelay.support.Sources;

/** Settings and id rules the fixtures (one Quarkus boot, shipped defaults) cannot vary. */
class MarquizAdapterTest {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String SAMPLE = "/payloads/marquiz/lead_with_cookies_RECONSTRUCTED.json";
    static final String QUIZ = "608fbced19933d0049b80662";

    static MarquizAdapter adapter(String... keyValues) {
        return new MarquizAdapter(Sources.config(MarquizConfig.class, "relay.sources.marquiz", keyValues));
    }

    static DealEvent lead(MarquizAdapter adapter, String contentType, String body) {
        List<SourceItem> items = Sources.read(adapter, Sources.request("marquiz", contentType, body));
        assertEquals(1, items.size());
        return (DealEvent) items.get(0);
    }

    static DealEvent lead(String body) {
        return lead(adapter(), JSON, body);
    }

    @Test
    void shippedDefaultsAreAConversionOfMarquizLead() {
        assertEquals(Output.CONVERSION, adapter().settings().output());
        assertEquals("marquiz_lead", adapter().settings().target());
        assertEquals(Set.of("marquiz_lead"), adapter().targets());
    }

    @Test
    void theSampleIsOneConversionForItsCookieClientIdAtCreated() {
        DealEvent event = lead(Sources.resource(SAMPLE));
        assertEquals("1674202831464027743", event.identity().clientId());
        assertEquals(Instant.parse("2025-05-30T10:13:20Z"), event.occurredAt());
        assertEquals(List.of("79990001122"), event.identity().phones(), "the phone typed into an answer is not read");
    }

    /** Marquiz sends no id: the same lead posted twice, in any field order or spelling, must be the same event. */
    @Test
    void theSameLeadPostedAgainGetsTheSameId() {
        String first = Sources.resource(SAMPLE);
        assertEquals(lead(first).eventId(), lead(first).eventId());
        String respelled = "{\"extra\":{\"cookies\":{\"_ym_uid\":\"1674202831464027743\"}},\"created\":\"2025-05-30T13:13:20+03:00\","
                + "\"quiz\":{\"name\":\"другое имя\",\"id\":\"" + QUIZ + "\"},"
                + "\"contacts\":{\"phone\":\"89990001122\",\"email\":\"CLIENT@example.com\",\"name\":\"И.\"}}";
        assertEquals(lead(first).eventId(), lead(respelled).eventId());
        String form = "contacts%5Bphone%5D=%2B7+999+000+11+22&contacts%5Bemail%5D=client%40example.com&quiz%5Bid%5D=" + QUIZ
                + "&created=2025-05-30T10%3A13%3A20Z";
        assertEquals(lead(first).eventId(), lead(adapter(), FORM, form).eventId(), "the same lead as a form");
        assertEquals("marquiz:default:" + MarquizAdapter.leadId(QUIZ, Instant.parse("2025-05-30T10:13:20Z"),
                lead(first).identity()), lead(first).eventId());
    }

    @Test
    void anotherQuizTimeOrContactIsAnotherLead() {
        String base = "{\"quiz\":{\"id\":\"%s\"},\"created\":\"%s\",\"contacts\":{\"phone\":\"%s\"}}";
        String id = lead(String.format(base, QUIZ, "2025-05-30T10:13:20Z", "+79990001122")).eventId();
        assertNotEquals(id, lead(String.format(base, "other", "2025-05-30T10:13:20Z", "+79990001122")).eventId());
        assertNotEquals(id, lead(String.format(base, QUIZ, "2025-05-30T10:13:21Z", "+79990001122")).eventId());
        assertNotEquals(id, lead(String.format(base, QUIZ, "2025-05-30T10:13:20Z", "+79990001133")).eventId());
    }

    @Test
    void aQuizTargetGivesAQuizItsOwnGoalAndDoctorItsSetting() {
        MarquizAdapter adapter = adapter("quiz-targets." + QUIZ, "marquiz_kitchen");
        String body = "{\"quiz\":{\"id\":\"" + QUIZ + "\"},\"contacts\":{\"phone\":\"+79990001122\"}}";
        assertEquals(List.of(Goal.of("marquiz_kitchen")), lead(adapter, JSON, body).goals());
        assertEquals(List.of(), lead(adapter, JSON, body.replace(QUIZ, "another")).goals());
        assertEquals(Set.of("marquiz_kitchen", "marquiz_lead"), adapter.targets());
        assertEquals("quiz-targets", adapter.targetsSetting());
    }

    @Test
    void yclidComesFromThePageAndTheCookieNameIsConfigurable() {
        String body = "{\"quiz\":{\"id\":\"1\"},\"extra\":{\"href\":\"https://a.ru/?utm_source=yandex&yclid=3851790612345678911\","
                + "\"cookies\":{\"ym_id\":\"1674202831464027743\"}}}";
        DealEvent event = lead(body);
        assertEquals("3851790612345678911", event.identity().yclid());
        assertNull(event.identity().clientId());
        assertEquals("1674202831464027743", lead(adapter("client-id-cookie", "ym_id"), JSON, body).identity().clientId());
        assertEquals(List.of("extra.cookies.ym_id"), adapter("client-id-cookie", "ym_id").clientIdFields());
    }

    @Test
    void withoutCreatedTheReceiptTimeAndABadCreatedIs422() {
        assertEquals(Sources.RECEIVED, lead("{\"quiz\":{\"id\":\"1\"}}").occurredAt());
        RelayProblem bad = assertThrows(RelayProblem.class, () -> lead("{\"quiz\":{\"id\":\"1\"},\"created\":\"вчера\"}"));
        assertEquals("created", bad.toProblem(null).field());
    }

    @Test
    void aBodyThatIsNoLeadIs422() {
        assertEquals("quiz", assertThrows(RelayProblem.class, () -> lead("{\"answers\":[]}")).toProblem(null).field());
        assertEquals("body", assertThrows(RelayProblem.class, () -> lead("[1]")).toProblem(null).field());
    }
}
