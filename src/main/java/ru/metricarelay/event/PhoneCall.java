package ru.metricarelay.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A phone call from call tracking (not a Metrica call: that is metrica/CallPolicy), for Metrica's call upload;
 * every field optional. Phone holds normalised digits.
 * <p>Its JSON names are pinned: queued rows and failed events keep it (docs/reliability.md#stored-formats), and it
 * is registered for reflection so that a native image reads it back too.
 */
@RegisterForReflection
public record PhoneCall(
        @JsonProperty("phone") String phone, @JsonProperty("talkSeconds") Integer talkSeconds,
        @JsonProperty("holdSeconds") Integer holdSeconds, @JsonProperty("missed") Boolean missed,
        @JsonProperty("firstTimeCaller") Boolean firstTimeCaller, @JsonProperty("tag") String tag,
        @JsonProperty("url") String url) {}
