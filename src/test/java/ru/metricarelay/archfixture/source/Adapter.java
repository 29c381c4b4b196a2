package ru.metricarelay.archfixture.source;

import ru.metricarelay.archfixture.metrica.Sibling;

/** Planted for ArchitectureTest: closes the cycle source → metrica → source. */
public class Adapter {
    Sibling sibling;
}
