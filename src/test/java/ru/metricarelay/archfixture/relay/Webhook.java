package ru.metricarelay.archfixture.relay;

/** Planted for ArchitectureTest: the webhook room of relay/. */
public class Webhook {
}
