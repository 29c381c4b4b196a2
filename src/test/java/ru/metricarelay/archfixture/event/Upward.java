package ru.metricarelay.archfixture.event;

import ru.metricarelay.archfixture.http.Top;

/** Planted for ArchitectureTest: the bottom layer importing the web layer. */
public class Upward {
    Top top;
}
