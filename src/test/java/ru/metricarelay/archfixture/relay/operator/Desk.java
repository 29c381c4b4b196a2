package ru.metricarelay.archfixture.relay.operator;

/** Planted for ArchitectureTest: the operator room of relay/. */
public class Desk {
}
