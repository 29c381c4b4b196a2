package ru.metricarelay.queue;

import java.util.Map;
import java.util.UUID;

/** Queued mode on a fresh SQLite file, failed events in a file. */
public class SqliteQueueProfile extends QueuedProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = super.getConfigOverrides();
        String dir = "target/queue-test/" + UUID.randomUUID();
        config.put("relay.queue.path", dir + "/relay-queue.db");
        config.put("relay.failed-events.sink", "file");
        config.put("relay.failed-events.file", dir + "/failed.jsonl");
        return config;
    }
}
