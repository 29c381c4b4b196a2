package ru.metricarelay.queue;

import java.util.HashMap;
import java.util.Map;

import ru.metricarelay.support.LiveProfile;

/**
 * The live relay (loopback Metrica) in queued mode, no timer flush (tests flush with POST /queue/flush). The read
 * timeout is the shipped 5 s: a flush's uploads are large, and a retried upload would repeat its conversions.
 */
public abstract class QueuedProfile extends LiveProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("relay.delivery", "queued");
        config.put("relay.flush.interval", "0");
        config.put("relay.metrica.read-timeout", "5s");
        return config;
    }
}
