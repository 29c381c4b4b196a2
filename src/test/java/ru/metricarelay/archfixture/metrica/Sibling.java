package ru.metricarelay.archfixture.metrica;

import ru.metricarelay.archfixture.source.Adapter;

/** Planted for ArchitectureTest: one feature importing another (and, with Adapter, a cycle). */
public class Sibling {
    Adapter adapter;
}
