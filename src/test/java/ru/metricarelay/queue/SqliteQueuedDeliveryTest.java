package ru.metricarelay.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;

/** The queued-delivery scenarios on SQLite (relay.queue=sqlite, the default backend). */
@QuarkusTest
@TestProfile(SqliteQueueProfile.class)
@ExtendWith(Leaks.class)
class SqliteQueuedDeliveryTest extends QueuedDeliveryScenarios {

    @Test
    @Order(20)
    void aHungMetricaGetsAnUnansweredConversionAtMostTwiceThenTheRowWaitsInTheDeadLetter() throws Exception {
        metricaHangsOnConversions();
        Webhooks.postAll(root.toString(), IntStream.range(0, 3).mapToObj(Webhooks::tilda).toList(), 3)
                .forEach(a -> assertEquals(200, a.status()));
        for (int flush = 1; flush <= 2; flush++) {
            JsonPath unanswered = flush();
            assertEquals("unanswered", unanswered.getString("stopped.reason"), unanswered.prettify());
            assertEquals(1, unanswered.getInt("requests"), "an upload without an answer is not sent again by its flush");
            assertEquals(3, unanswered.getInt("remaining"));
        }
        JsonPath third = flush();
        assertEquals(0, third.getInt("requests"), third.prettify());
        assertEquals(0, third.getInt("remaining"));
        assertEquals(2, metrica.findAll(postRequestedFor(urlPathEqualTo(M + "/upload"))).size(),
                "docs/reliability.md promises at most relay.flush.max-unanswered (2) copies");
        JsonPath dead = dead();
        assertEquals(3L, dead.getLong("dead"));
        assertEquals(List.of("unanswered", "unanswered", "unanswered"), dead.getList("rows.reason"));
    }

    @Override
    void assertDepthByOutput(JsonPath status, Map<String, Integer> expected) {
        assertEquals(expected, new HashMap<>(status.getMap("by_output", String.class, Integer.class)));
        assertEquals(true, status.getInt("oldest_age_s") >= 0);
    }
}
