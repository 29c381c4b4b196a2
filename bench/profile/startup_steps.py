#!/usr/bin/env python3
"""Median per Quarkus start-up step (from -Dquarkus.debug.print-startup-times=true logs) for two apps.

  python3 bench/profile/startup_steps.py 'logs/relay-17-pst-*.log' 'logs/base-17-pst-*.log' [top]
"""
import glob
import re
import statistics
import sys

STEP = re.compile(r"(?:Build step|Recorder step) (\S+) completed in: (\d+)ms")


def medians(pattern):
    runs = []
    for f in sorted(glob.glob(pattern)):
        steps = {}
        for m in STEP.finditer(open(f, errors="replace").read()):
            steps[m.group(1)] = steps.get(m.group(1), 0) + int(m.group(2))
        runs.append(steps)
    keys = {k for r in runs for k in r}
    return {k: statistics.median(r.get(k, 0) for r in runs) for k in keys}, len(runs)


a, na = medians(sys.argv[1])
b, nb = medians(sys.argv[2])
top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
print("| step | relay, median ms (%d runs) | baseline, median ms (%d runs) | difference ms |" % (na, nb))
print("|---|---:|---:|---:|")
for k in sorted(set(a) | set(b), key=lambda k: -(a.get(k, 0) - b.get(k, 0)))[:top]:
    print("| %s | %g | %s | %+g |" % (k, a.get(k, 0), ("%g" % b[k]) if k in b else "–", a.get(k, 0) - b.get(k, 0)))
print("| **sum of all steps** | %g | %g | %+g |" % (sum(a.values()), sum(b.values()), sum(a.values()) - sum(b.values())))
