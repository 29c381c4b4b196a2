package ru.metricarelay.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import ru.metricarelay.answer.RelayProblem;

/** The /hooks path is parsed once, here: the secret, the sender's own sub-path, or both. No Quarkus boot. */
class HookPathTest {

    static final Set<String> MANGO = Set.of("events", "ping");

    @Test
    void withoutATailThereIsNeitherSecretNorSubPath() {
        assertEquals(new HookPath("tilda", null, null), HookPath.parse("tilda", null, Set.of()));
    }

    @Test
    void oneSegmentIsTheSecretUnlessTheSenderListsIt() {
        assertEquals(new HookPath("tilda", "s3cret", null), HookPath.parse("tilda", "s3cret", Set.of()));
        assertEquals(new HookPath("mango", null, "ping"), HookPath.parse("mango", "ping", MANGO));
        assertEquals(new HookPath("mango", "s3cret", null), HookPath.parse("mango", "s3cret", MANGO));
    }

    @Test
    void aSubPathMayFollowTheSecretOrStandAlone() {
        assertEquals(new HookPath("mango", "s3cret", "events/summary"), HookPath.parse("mango", "s3cret/events/summary", MANGO));
        assertEquals(new HookPath("mango", null, "events/summary"), HookPath.parse("mango", "events/summary", MANGO));
    }

    @Test
    void anythingElseAfterTheSecretIs404() {
        assertEquals(404, assertThrows(RelayProblem.class, () -> HookPath.parse("mango", "s3cret/other/x", MANGO)).status());
        assertEquals(404, assertThrows(RelayProblem.class, () -> HookPath.parse("tilda", "s3cret/events", Set.of())).status());
    }
}
