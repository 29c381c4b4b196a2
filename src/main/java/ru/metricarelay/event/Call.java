package ru.metricarelay.event;

/** Call-tracking details for Metrica's call upload; every field optional. Phone holds normalised digits. */
public record Call(String phone, Integer talkSeconds, Integer holdSeconds, Boolean missed,
        Boolean firstTimeCaller, String tag, String url) {
}
