package ru.metricarelay.archfixture.http;

/** Planted for ArchitectureTest: the web layer. */
public class Top {
}
