package ru.metricarelay.event;

/** The Metrica record an event becomes (SPEC §4). */
public enum Output {
    ORDER, SIMPLE_ORDER, CONVERSION, CALL, CHAT, IGNORED
}
