package ru.metricarelay.event;

/** An entry the adapter recognised and deliberately did not turn into an event (a test ping, an echo). */
public record Skipped(String eventId, String source, String reason) implements SourceItem {
}
