package ru.metricarelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;

/** The queued-delivery scenarios on SQLite (relay.queue=sqlite, the default backend). */
@QuarkusTest
@TestProfile(SqliteQueueProfile.class)
@ExtendWith(Leaks.class)
class SqliteQueuedDeliveryTest extends QueuedDeliveryScenarios {

    @Override
    void assertDepthByOutput(JsonPath status, Map<String, Integer> expected) {
        assertEquals(expected, new HashMap<>(status.getMap("by_output", String.class, Integer.class)));
        assertEquals(true, status.getInt("oldest_age_s") >= 0);
    }
}
