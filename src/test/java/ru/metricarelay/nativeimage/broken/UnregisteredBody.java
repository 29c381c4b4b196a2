package ru.metricarelay.nativeimage.broken;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Planted for NativeReadinessTest: a record Jackson binds (an annotated member) that nothing registers for reflection. */
public record UnregisteredBody(@JsonProperty("deal_id") String dealId, Inner inner) {

    /** Reached through UnregisteredBody: bound too, and registered by nobody either. */
    public record Inner(String value) {
    }
}
