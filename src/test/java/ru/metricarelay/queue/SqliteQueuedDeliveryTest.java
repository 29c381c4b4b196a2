package ru.metricarelay.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        threeConversionsAndAFlushMetricaNeverAnswers();
        JsonPath second = flush();
        assertEquals("unanswered", second.getString("stopped.reason"), second.prettify());
        assertEquals(1, second.getInt("requests"));
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
