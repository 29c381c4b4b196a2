package ru.metricarelay.archfixture.relay.flush;

import ru.metricarelay.archfixture.relay.Webhook;
import ru.metricarelay.archfixture.relay.operator.Desk;

/** Planted for ArchitectureTest: the flush room importing the operator room and the webhook room. */
public class Room {
    Desk desk;
    Webhook webhook;
}
