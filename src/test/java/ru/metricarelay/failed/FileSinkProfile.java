package ru.metricarelay.failed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import ru.metricarelay.support.LiveProfile;

/** The live relay (loopback Metrica) with sink=file. */
public class FileSinkProfile extends LiveProfile {

    static final Path FILE = Path.of("target/failed-events-test/failed.jsonl");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("relay.failed-events.sink", "file");
        config.put("relay.failed-events.file", FILE.toString());
        config.put("relay.failed-events.log.interval", "10s"); // the shipped default (LiveProfile logs every event)
        return config;
    }
}
