package ru.metricarelay.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import ru.metricarelay.failed.ElasticMq;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
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
    @Order(6)
    void aMessageThatIsNoRecordEndsInTheDeadLetterQueueAfterMaxReceives() throws Exception {
        String endpoint = config.sqs().endpoint().orElseThrow();
        try (SqsClient sqs = ElasticMq.client(endpoint)) {
            String url = config.sqs().url().orElseThrow();
            sqs.sendMessage(r -> r.queueUrl(url).messageBody("{\"not\":\"a queued record\"}"));
            for (int i = 0; i <= QueueElasticMq.MAX_RECEIVES; i++) {
                flush();
            }
            String dlq = sqs.getQueueUrl(r -> r.queueName("relay-queue-dlq")).queueUrl();
            List<Message> dead = sqs.receiveMessage(r -> r.queueUrl(dlq).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            assertEquals(1, dead.size(), "the message did not reach the dead-letter queue");
            assertEquals(0, status().getInt("queued"));
        }
    }

    @Override
    void assertDepthByOutput(JsonPath status, Map<String, Integer> expected) {
        assertEquals(Map.of(), status.getMap("by_output"), "SQS cannot count by output");
        assertNull(status.get("oldest_age_s"));
    }
}
