package ru.metricarelay.failed;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.metricarelay.failed.Outage.RECOVERS;
import static ru.metricarelay.failed.Outage.STAYS_DOWN;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ru.metricarelay.answer.Problem;
import ru.metricarelay.support.Leaks;
import ru.metricarelay.support.MetricaStandIn;

/** sink=file end to end: Metrica down → events in the file → Metrica back → POST /replay. */
@QuarkusTest
@TestProfile(FileSinkProfile.class)
@ExtendWith(Leaks.class)
class FileReplayTest {

    static final Path FILE = FileSinkProfile.FILE;

    @MetricaStandIn.Server
    WireMockServer metrica;

    @Inject
    FailedEvents failedEvents;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void noFile() throws Exception {
        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS);
        Files.deleteIfExists(FILE);
    }

    List<FailedEvent> stored() throws Exception {
        List<FailedEvent> events = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            events.add(json.readValue(line, FailedEvent.class));
        }
        return events;
    }

    @Test
    void failedEventsAreReplayedOnceMetricaIsBackAndOnlyTheStillFailingOneStays() throws Exception {
        Outage.bothFail(metrica, failedEvents);
        List<FailedEvent> failed = stored();
        assertEquals(List.of(RECOVERS, STAYS_DOWN), failed.stream().map(e -> e.routed().event().identity().clientId()).toList());
        assertEquals(503, failed.get(0).answerStatus());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(FILE));
        }

        Outage.recover(metrica);
        Outage.replay("").statusCode(200)
                .body("dry_run", equalTo(false))
                .body("read", equalTo(2)).body("replayed", equalTo(1)).body("failed_again", equalTo(1))
                .body("remaining", equalTo(1))
                .body("results", hasSize(2))
                .body("results[0].event_id", equalTo(failed.get(0).routed().eventId()))
                .body("results[0].uploading_id", equalTo("77"))
                .body("results[1].event_id", equalTo(failed.get(1).routed().eventId()))
                .body("results[1].error", notNullValue());
        assertEquals(1, Outage.uploadsOf(metrica, RECOVERS), "Metrica did not get the recovered event exactly once more");

        failedEvents.settled().toCompletableFuture().get(5, TimeUnit.SECONDS); // a second record would land now
        List<FailedEvent> left = stored();
        assertEquals(1, left.size(), "the replayed event must leave the file, the failed one stay once: " + left);
        assertEquals(failed.get(1), left.get(0));

        // Metrica takes the last one too: the file is emptied
        Outage.allBack(metrica);
        Outage.replay("?limit=5").statusCode(200).body("replayed", equalTo(1)).body("remaining", equalTo(0));
        assertTrue(Files.readAllLines(FILE).isEmpty());
    }

    @Test
    void dryRunShowsTheRequestsAndKeepsEverything() throws Exception {
        Outage.bothFail(metrica, failedEvents);
        List<String> before = Files.readAllLines(FILE);
        Outage.recover(metrica);

        Outage.replay("?dry_run=true&limit=1").statusCode(200)
                .body("dry_run", equalTo(true))
                .body("read", equalTo(1)).body("replayed", equalTo(0)).body("remaining", equalTo(2))
                .body("results[0].request[0].url", notNullValue());
        assertEquals(before, Files.readAllLines(FILE));
        assertEquals(0, Outage.uploadsOf(metrica, RECOVERS), "a dry run sent something to Metrica");
    }

    @Test
    void replayNeedsTheRelaySecretInTheHeader() {
        given().post("/replay").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().header("X-Relay-Secret", "wrong").post("/replay").then().statusCode(401);
        given().post("/replay?secret=" + Outage.SECRET).then().statusCode(401);
    }

    @Test
    void limitIsBounded() {
        Outage.replay("?limit=0").statusCode(422).body("field", equalTo("limit"));
        Outage.replay("?limit=1001").statusCode(422);
    }

    @Test
    void anUnreadableLineIsKeptAndCounted() throws Exception {
        Files.createDirectories(FILE.getParent());
        Files.writeString(FILE, "{\"failed_at\":\"2026-01-01T00:00:00Z\",\"routed\":{\"event\n");
        Outage.replay("").statusCode(200).body("read", equalTo(1)).body("unreadable", equalTo(1))
                .body("remaining", equalTo(1)).body("results", hasSize(0));
        assertEquals(1, Files.readAllLines(FILE).size());
    }
}
