package ru.metricarelay.event;

/** What a source adapter reads out of a webhook: deal events, or entries it skipped with the reason. */
public sealed interface SourceItem permits DealEvent, Skipped {

    String eventId();

    String source();
}
