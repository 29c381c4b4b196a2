package ru.metricarelay.event;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Messenger chat details for Metrica's chat upload: platform is whatsapp, telegram or viber. */
// Jackson reads it back from the queue and the failed-events store, in a native image too
@RegisterForReflection
public record Chat(String platform, String userId, String username) {
}
