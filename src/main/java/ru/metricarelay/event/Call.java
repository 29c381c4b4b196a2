package ru.metricarelay.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Call-tracking details for Metrica's call upload; every field optional. Phone holds normalised digits. */
// Jackson reads it back from the queue and the failed-events store, in a native image too
@RegisterForReflection
public record Call(String phone, Integer talkSeconds, Integer holdSeconds, Boolean missed,
        Boolean firstTimeCaller, String tag, String url) {
}
