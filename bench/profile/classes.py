#!/usr/bin/env python3
"""Class-loading profile from -Xlog:class+load:file=F:uptime logs (run the app, SIGKILL it right after the
first 200, so the log ends there): classes per library group, a time line of start-up milestones, and
the classes the relay loads that the baseline does not.

  python3 bench/profile/classes.py RELAY_LOG [BASELINE_LOG]
"""
import collections
import re
import sys

LINE = re.compile(r"^\[(\d+\.\d+)s\](?:\[info\s*\]\[class,load\s*\])? (\S+) source: (.*)$")

GROUPS = [  # first match wins
    ("ru.metricarelay.", "relay's own code"),
    ("com.fasterxml.jackson.", "Jackson"),
    ("io.netty.", "Netty"),
    ("io.vertx.", "Vert.x"),
    ("io.smallrye.config.", "SmallRye Config"),
    ("io.smallrye.faulttolerance.", "SmallRye Fault Tolerance"),
    ("io.smallrye.health.", "SmallRye Health"),
    ("io.smallrye.mutiny.", "Mutiny"),
    ("io.smallrye.reactive.", "Mutiny"),
    ("io.smallrye.context.", "SmallRye Context Propagation"),
    ("io.smallrye.", "SmallRye (other)"),
    ("io.micrometer.", "Micrometer + Prometheus"),
    ("io.prometheus.", "Micrometer + Prometheus"),
    ("org.HdrHistogram.", "Micrometer + Prometheus"),
    ("org.LatencyUtils.", "Micrometer + Prometheus"),
    ("io.quarkus.micrometer.", "Micrometer + Prometheus"),
    ("software.amazon.awssdk.", "AWS SDK"),
    ("com.google.i18n.phonenumbers.", "libphonenumber"),
    ("com.bertramlabs.", "hcl4j"),
    ("com.standardwebhooks.", "standardwebhooks"),
    ("org.yaml.snakeyaml.", "SnakeYAML (config-yaml)"),
    ("io.quarkus.config.yaml.", "SnakeYAML (config-yaml)"),
    ("org.jboss.resteasy.reactive.", "RESTEasy Reactive (server + client)"),
    ("io.quarkus.resteasy.reactive.", "RESTEasy Reactive (server + client)"),
    ("io.quarkus.rest.client.", "RESTEasy Reactive (server + client)"),
    ("io.quarkus.restclient.", "RESTEasy Reactive (server + client)"),
    ("io.quarkus.arc.", "ArC (CDI)"),
    ("io.quarkus.smallrye.faulttolerance.", "SmallRye Fault Tolerance"),
    ("io.quarkus.smallrye.health.", "SmallRye Health"),
    ("io.quarkus.vertx.", "Quarkus Vert.x / HTTP"),
    ("io.quarkus.bootstrap.", "Quarkus bootstrap"),
    ("io.quarkus.runner.", "Quarkus generated (runner)"),
    ("io.quarkus.deployment.steps.", "Quarkus generated (steps)"),
    ("io.quarkus.", "Quarkus (other)"),
    ("jakarta.", "Jakarta APIs"),
    ("org.eclipse.microprofile.", "MicroProfile APIs"),
    ("org.jboss.", "JBoss logging/threads"),
    ("org.wildfly.", "JBoss logging/threads"),
    ("java.", "JDK"), ("javax.", "JDK"), ("jdk.", "JDK"), ("sun.", "JDK"), ("com.sun.", "JDK"),
]


def group(name):
    for prefix, g in GROUPS:
        if name.startswith(prefix):
            return g
    return "other (" + ".".join(name.split(".")[:2]) + ")"


def load(path):
    out = []
    for line in open(path, errors="replace"):
        m = LINE.match(line.strip())
        if m:
            out.append((float(m.group(1)), m.group(2), m.group(3)))
    return out


def first(classes, pred):
    for t, n, _ in classes:
        if pred(n):
            return t
    return None


MILESTONES = [  # (label, class that marks the start of the phase)
    ("JVM boot", None),
    ("Quarkus bootstrap (runner class loader, 170+ jars indexed)", "io.quarkus.bootstrap.runner.QuarkusEntryPoint"),
    ("static init (config, ArC container, REST deployment)", "io.quarkus.runner.ApplicationImpl"),
    ("runtime init (runtime config, Vert.x, Micrometer, StartupEvent)", "io.quarkus.runtime.ApplicationLifecycleManager"),
    ("HTTP server start, first request, until the first 200", "io.quarkus.vertx.http.runtime.VertxHttpRecorder$WebDeploymentVerticle"),
]


def phases(classes):
    """[(label, start s, end s, classes in it)]"""
    starts = [0.0]
    for _, marker in MILESTONES[1:]:
        t = next((t for t, n, _ in classes if n == marker), None)
        starts.append(t if t is not None else starts[-1])
    end = classes[-1][0] if classes else 0.0
    out = []
    for i, (label, _) in enumerate(MILESTONES):
        lo, hi = starts[i], starts[i + 1] if i + 1 < len(starts) else end
        out.append((label, lo, hi, [c for c in classes if lo <= c[0] < hi or (i == len(starts) - 1 and c[0] == hi)]))
    return out


def report(path, title):
    c = load(path)
    cached = sum(1 for _, _, s in c if "shared objects file" in s)
    hidden = sum(1 for _, n, s in c if "Lambda" in n or "LookupDefineClass" in s or "/0x" in n)
    print("### %s: %d classes (%d from the CDS/AOT archive, %d lambda/hidden)\n" % (title, len(c), cached, hidden))
    print("| phase (JVM uptime) | from s | to s | classes loaded | top groups |\n|---|---:|---:|---:|---|")
    for label, lo, hi, cs in phases(c):
        top = ", ".join("%s %d" % kv for kv in counts(cs).most_common(4))
        print("| %s | %.3f | %.3f | %d | %s |" % (label, lo, hi, len(cs), top))
    print()
    return c


def counts(classes):
    return collections.Counter(group(n) for _, n, _ in classes)


def main():
    relay = report(sys.argv[1], "relay")
    base = report(sys.argv[2], "baseline") if len(sys.argv) > 2 else []
    rc, bc = counts(relay), counts(base)
    base_names = {n for _, n, _ in base}
    extra = counts([x for x in relay if x[1] not in base_names])
    print("| group | relay classes | baseline classes | loaded by the relay only |\n|---|---:|---:|---:|")
    for g, n in sorted(rc.items(), key=lambda kv: -kv[1]):
        print("| %s | %d | %d | %d |" % (g, n, bc.get(g, 0), extra.get(g, 0)))
    for g, n in bc.items():
        if g not in rc:
            print("| %s | 0 | %d | 0 |" % (g, n))
    print("| **total** | %d | %d | %d |" % (len(relay), len(base), sum(extra.values())))


if __name__ == "__main__":
    main()
