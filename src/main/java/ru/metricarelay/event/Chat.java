package ru.metricarelay.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Messenger chat details for Metrica's chat upload: platform is whatsapp, telegram or viber.
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 */
@RegisterForReflection
public record Chat(
        @JsonProperty("platform") String platform, @JsonProperty("userId") String userId,
        @JsonProperty("username") String username) {}
