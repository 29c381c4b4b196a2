package ru.metricarelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import ru.metricarelay.failed.ElasticMq;
import software.amazon.awssdk.services.sqs.SqsClient;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.support.Leaks;

/** The queued-delivery scenarios on SQS (relay.queue=sqs) against ElasticMQ in this JVM. */
@QuarkusTest
@TestProfile(SqsQueueProfile.class)
@ExtendWith(Leaks.class)
class SqsQueuedDeliveryTest extends QueuedDeliveryScenarios {

    @Inject
    QueueConfig config;

    @Test
    @Order(20)
    void aMessageThatIsNoRecordGoesToTheDeadLetterQueueAtOnceAndIsListed() throws Exception {
        String endpoint = config.sqs().endpoint().orElseThrow();
        try (SqsClient sqs = ElasticMq.client(endpoint)) {
            String url = config.sqs().url().orElseThrow();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"not\":\"a queued record\",\"mail\":\"ivan.petrov@example.com\"}"));
            flush();
            assertEquals(0, status().getInt("queued"));
            JsonPath dead = dead();
            assertEquals(1, dead.getList("rows").size(), dead.prettify());
            assertEquals("unreadable", dead.getString("rows[0].reason"));
            assertTrue(!dead.prettify().contains("ivan.petrov@"), dead.prettify());
        }
    }

    @Test
    @Order(21)
    void anUploadWithoutAnswerIsSentOnceByAFlushAndTheRowStaysQueued() throws Exception {
        threeConversionsAndAFlushMetricaNeverAnswers();
        assertEquals(1, metrica.findAll(postRequestedFor(urlPathEqualTo(M + "/upload"))).size(), "sent again within the flush");
        assertEquals(3, status().getInt("queued"));
    }

    @Override
    void assertDepthByOutput(JsonPath status, Map<String, Integer> expected) {
        assertEquals(Map.of(), status.getMap("by_output"), "SQS cannot count by output");
        assertNull(status.get("oldest_age_s"));
    }
}
