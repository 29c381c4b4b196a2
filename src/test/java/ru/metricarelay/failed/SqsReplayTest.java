package ru.metricarelay.failed;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static ru.metricarelay.failed.Outage.RECOVERS;
import static ru.metricarelay.failed.Outage.STAYS_DOWN;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.MetricaStandIn;

/** sink=sqs end to end against an in-process ElasticMQ: the failed event is a message; replay deletes it. */
@QuarkusTest
@TestProfile(SqsSinkProfile.class)
@ExtendWith(Leaks.class)
class SqsReplayTest {

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Inject
    FailedEvents failedEvents;

    @Inject
    FailedEventsConfig config;

    @Inject
    ObjectMapper json;

    static SqsClient queue;

    @BeforeEach
    void emptyQueue() throws Exception {
        if (queue == null) {
            queue = ElasticMq.client(config.sqs().endpoint().orElseThrow());
        }
        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        queue.purgeQueue(r -> r.queueUrl(queueUrl()));
    }

    @AfterAll
    static void close() {
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }

    String queueUrl() {
        return config.sqs().queueUrl().orElseThrow();
    }

    /** Every message on the queue, left visible (visibility 0), as failed events. */
    List<FailedEvent> onQueue() throws Exception {
        List<FailedEvent> events = new ArrayList<>();
        for (Message m : queue.receiveMessage(r -> r.queueUrl(queueUrl()).maxNumberOfMessages(10).visibilityTimeout(0)
                .waitTimeSeconds(0)).messages()) {
            events.add(json.readValue(m.body(), FailedEvent.class));
        }
        return events;
    }

    @Test
    void aFailedEventBecomesAMessageAndLeavesTheQueueOnceReplayed() throws Exception {
        Outage.bothFail(metrica, failedEvents);
        List<FailedEvent> failed = onQueue();
        assertEquals(2, failed.size(), "both failed events must be on the queue: " + failed);
        FailedEvent first = failed.stream().filter(e -> RECOVERS.equals(e.routed().event().identity().clientId())).findFirst().orElseThrow();
        assertEquals(503, first.answerStatus());
        assertEquals("CONVERSION", first.routed().output().name());
        assertEquals("generic", first.routed().event().source());

        Outage.recover(metrica);
        Outage.replay("").statusCode(200)
                .body("dry_run", equalTo(false))
                .body("read", equalTo(2)).body("replayed", equalTo(1)).body("failed_again", equalTo(1))
                .body("remaining", equalTo(1))
                .body("results.find { it.uploading_id == '77' }.event_id", equalTo(first.routed().eventId()))
                .body("results.find { it.error != null }.event_id", notNullValue());
        assertEquals(1, Outage.uploadsOf(metrica, RECOVERS), "Metrica did not get the recovered event exactly once more");

        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        List<FailedEvent> left = onQueue(); // visible again at once, for the next replay
        assertEquals(1, left.size(), "the replayed message must be deleted, the failed one stay once: " + left);
        assertEquals(STAYS_DOWN, left.get(0).routed().event().identity().clientId());
    }

    @Test
    void dryRunDeletesNothingAndLeavesMessagesVisible() throws Exception {
        Outage.bothFail(metrica, failedEvents);
        Outage.recover(metrica);
        Outage.replay("?dry_run=true").statusCode(200)
                .body("dry_run", equalTo(true)).body("read", equalTo(2)).body("replayed", equalTo(0))
                .body("remaining", equalTo(2));
        assertEquals(2, onQueue().size());
        assertEquals(0, Outage.uploadsOf(metrica, RECOVERS));
    }
}
