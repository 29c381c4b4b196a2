"""Load at 128 MiB (bench/load-128m/run.sh): report for one run.

  python3 bench/report.py load-128m PREFIX [--docs docs/performance.md --img docs/img]

PREFIX is bench/out/load128-<timestamp>; reads PREFIX-state.txt and, per run (dry-run, direct),
PREFIX-<run>-client.txt (RateClient), -rss.csv (rss.py), -heap.txt (jcmd) and -flags.txt. Prints one
PASS/FAIL line per target and the Markdown table; with --docs also writes the two SVG charts into --img
and the table into the LOAD128:START/END block of the docs file. Exits 1 if a target was missed.

Targets: rate achieved >= 99 % of the target rate, no errors (every answer 200), no OutOfMemoryError,
VmRSS < 128 MiB at every sample (start-up included), p99 latency <= 20 ms (from the time each request was
due, so a stall counts in full).
"""
import csv
import math
import os
import re
from html import escape

from .common import nice_step, read_kv, replace_block, svg_head, write_svg
from .common import number as num

RUNS = ("dry-run", "direct")
COLOURS = {"dry-run": "#2f6db5", "direct": "#d9822b"}
RSS_LIMIT_MIB = 128.0
P99_LIMIT_MS = 20.0


def heap_info(path):
    """Heap and metaspace after the full GC (jcmd GC.heap_info), code cache (Compiler.codecache), in MiB."""
    out = {}
    if not os.path.exists(path):
        return out
    text = open(path).read()
    # Serial GC: "DefNew total 8704K, used 0K" / "Tenured total ..." (JDK 25), "def new generation ..." (older)
    gens = re.findall(r"^\s*(DefNew|Tenured|def new generation|tenured generation)\s+total (\d+)K, used (\d+)K",
                      text, re.M)
    if gens:
        out["heap_used"] = sum(int(u) for _, _, u in gens) / 1024
        out["heap_committed"] = sum(int(t) for _, t, _ in gens) / 1024
    m = re.search(r"Metaspace\s+used (\d+)K, committed (\d+)K", text)
    if m:
        out["metaspace_used"], out["metaspace_committed"] = int(m.group(1)) / 1024, int(m.group(2)) / 1024
    heaps = [l for l in text.splitlines() if l.startswith("CodeHeap")]
    lines = heaps or [l for l in text.splitlines() if l.startswith("CodeCache")]
    code = [int(x) for l in lines for x in re.findall(r"\bused=(\d+)Kb", l)]
    if code:
        out["codecache_used"] = sum(code) / 1024
    for key in ("VmRSS", "RssAnon", "RssFile", "Threads"):
        m = re.search(r"after_gc_%s(\d+)" % key, text)
        if m:
            out["after_gc_" + key] = int(m.group(1)) / (1 if key == "Threads" else 1024)
    return out


def load(prefix, run):
    client = read_kv("%s-%s-client.txt" % (prefix, run))
    if not client:
        return None
    rss = []
    path = "%s-%s-rss.csv" % (prefix, run)
    if os.path.exists(path):
        with open(path) as f:
            rss = [(float(r["t_s"]), float(r["rss_mib"]), float(r["anon_mib"]), float(r["file_mib"]),
                    int(r["threads"] or 0)) for r in csv.DictReader(f)]
    return {"run": run, "client": client, "rss": rss, "heap": heap_info("%s-%s-heap.txt" % (prefix, run)),
            "flags": read_kv("%s-%s-flags.txt" % (prefix, run))}


def checks(r, target_rate):
    c = r["client"]
    peak = max(r["rss"], key=lambda s: s[1]) if r["rss"] else None
    rate = num(c.get("achieved_rate"), 0)
    errors = int(c.get("errors", "1")) if c.get("requests") else None
    oom = int(c.get("log_oom", "0")) + (1 if c.get("relay_exit") not in ("0", "143") else 0)
    p99 = num(c.get("latency_p99_ms"))
    return [
        ("rate achieved >= 99 %% of %g/s" % target_rate, rate >= 0.99 * target_rate, "%.1f/s" % rate),
        ("no errors", errors == 0, "%s of %s not 200" % (errors, c.get("requests"))),
        ("no OutOfMemoryError, clean exit", oom == 0,
         "%s OOM lines, exit %s" % (c.get("log_oom"), c.get("relay_exit"))),
        ("VmRSS < 128 MiB at every sample", peak is not None and peak[1] < RSS_LIMIT_MIB,
         "max %.1f MiB at %.1f s, %d samples" % (peak[1], peak[0], len(r["rss"])) if peak else "no samples"),
        ("p99 <= 20 ms", p99 is not None and p99 <= P99_LIMIT_MS, "p99 %s ms" % c.get("latency_p99_ms")),
    ]


def fmt(v, digits=1):
    return "–" if v is None else ("%.*f" % (digits, v))


def table(results):
    rows = ["| run | rate achieved, /s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors | RSS max, MiB "
            "(anon + file) | heap after GC, MiB (max heap) | metaspace used, MiB | code cache used, MiB | threads "
            "| warm-up seconds: errors, p99 / max ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        c, h, f = r["client"], r["heap"], r["flags"]
        peak = max(r["rss"], key=lambda s: s[1]) if r["rss"] else None
        max_heap = num(f.get("MaxHeapSize"))
        rows.append("| %s | %s | %s | %s | %s | %s | %s | %s of %s | %s | %s | %s | %s | %s | %s |" % (
            r["run"], c.get("achieved_rate"), c.get("latency_p50_ms"), c.get("latency_p90_ms"),
            c.get("latency_p99_ms"), c.get("latency_p999_ms"), c.get("latency_max_ms"), c.get("errors"),
            c.get("requests"),
            "%.1f (%.1f + %.1f)" % (peak[1], peak[2], peak[3]) if peak else "–",
            "%s (%s)" % (fmt(h.get("heap_used")), fmt(max_heap / 1048576 if max_heap else None, 0)),
            fmt(h.get("metaspace_used")), fmt(h.get("codecache_used")),
            max(s[4] for s in r["rss"]) if r["rss"] else "–",
            "%s s: %s, %s / %s" % (c.get("warmup_s"), c.get("warmup_errors"), c.get("warmup_latency_p99_ms"),
                                   c.get("warmup_latency_max_ms")) if c.get("warmup_errors") else "–"))
    return "\n".join(rows)


# ---------------------------------------------------------------- SVG

def rss_chart(path, results, subtitle):
    """VmRSS over time per run (from the relay's exec), with the 128 MiB line."""
    left, top, w, h, width, height = 60, 64, 640, 260, 900, 370
    tmax = max(s[0] for r in results for s in r["rss"])
    tstep = nice_step(tmax, 8)
    tmax = tstep * math.ceil(tmax / tstep)
    vmax = 140.0
    x = lambda t: left + w * t / tmax  # noqa: E731
    y = lambda v: top + h - h * v / vmax  # noqa: E731
    svg = svg_head(width, height, "Relay resident memory under 200 webhooks/s, 128 MiB settings", subtitle)
    v = 0.0
    while v <= vmax:
        svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y(v), left + w, y(v)))
        svg.append('<text x="%d" y="%.1f" text-anchor="end" fill="#555">%g</text>' % (left - 6, y(v) + 4, v))
        v += 20
    t = 0.0
    while t <= tmax + 1e-9:
        svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%g</text>' % (x(t), top + h + 18, t))
        t += tstep
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">seconds since the relay was started</text>'
               % (left + w / 2, top + h + 38))
    svg.append('<text x="16" y="%.1f" fill="#555" transform="rotate(-90 16 %.1f)" text-anchor="middle">MiB</text>'
               % (top + h / 2, top + h / 2))
    svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#c0392b" stroke-dasharray="6 4" stroke-width="1.5"/>'
               % (left, y(RSS_LIMIT_MIB), left + w, y(RSS_LIMIT_MIB)))
    svg.append('<text x="%d" y="%.1f" fill="#c0392b">128 MiB limit</text>' % (left + 6, y(RSS_LIMIT_MIB) - 6))
    for i, r in enumerate(results):
        col = COLOURS.get(r["run"], "#555")
        pts = " ".join("%.1f,%.1f" % (x(s[0]), y(s[1])) for s in r["rss"])
        svg.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (col, pts))
        peak = max(r["rss"], key=lambda s: s[1])
        ly = top + 20 + 22 * i
        svg.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="3"/>' % (left + w + 14, ly - 4, left + w + 34, ly - 4, col))
        svg.append('<text x="%d" y="%d">%s, max %.1f</text>' % (left + w + 40, ly, escape(r["run"]), peak[1]))
    write_svg(path, svg)


def latency_chart(path, results, subtitle):
    """Latency percentiles per run, grouped bars, with the 20 ms p99 target."""
    keys = [("p50", "latency_p50_ms"), ("p90", "latency_p90_ms"), ("p99", "latency_p99_ms"),
            ("p99.9", "latency_p999_ms"), ("max", "latency_max_ms")]
    left, top, w, h, width, height = 60, 64, 640, 260, 900, 370
    vals = [[num(r["client"].get(k), 0) for _, k in keys] for r in results]
    vmax = max(max(max(v) for v in vals), P99_LIMIT_MS) * 1.1
    step = nice_step(vmax, 6)
    vmax = step * math.ceil(vmax / step)
    y = lambda v: top + h - h * v / vmax  # noqa: E731
    svg = svg_head(width, height, "Webhook answer time at 200/s, 128 MiB settings", subtitle)
    v = 0.0
    while v <= vmax + 1e-9:
        svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y(v), left + w, y(v)))
        svg.append('<text x="%d" y="%.1f" text-anchor="end" fill="#555">%g</text>' % (left - 6, y(v) + 4, v))
        v += step
    svg.append('<text x="16" y="%.1f" fill="#555" transform="rotate(-90 16 %.1f)" text-anchor="middle">ms</text>'
               % (top + h / 2, top + h / 2))
    group = w / len(keys)
    bar = group * 0.8 / max(1, len(results))
    for gi, (label, _) in enumerate(keys):
        gx = left + gi * group + group * 0.1
        svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (left + gi * group + group / 2, top + h + 18, label))
        for ri, r in enumerate(results):
            val = vals[ri][gi]
            bx = gx + ri * bar
            svg.append('<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s %s: %.2f ms</title></rect>'
                       % (bx, y(val), bar - 2, top + h - y(val), COLOURS.get(r["run"], "#555"), escape(r["run"]), label, val))
            svg.append('<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11">%s</text>'
                       % (bx + bar / 2 - 1, y(val) - 4, ("%.1f" % val) if val < 100 else "%.0f" % val))
    svg.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#c0392b" stroke-dasharray="6 4" stroke-width="1.5"/>'
               % (left, y(P99_LIMIT_MS), left + w, y(P99_LIMIT_MS)))
    svg.append('<text x="%d" y="%.1f" fill="#c0392b">p99 target 20 ms</text>' % (left + 6, y(P99_LIMIT_MS) - 6))
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">from the time each request was due to its answer</text>'
               % (left + w / 2, top + h + 38))
    for i, r in enumerate(results):
        ly = top + 20 + 22 * i
        svg.append('<rect x="%d" y="%d" width="20" height="10" fill="%s"/>' % (left + w + 14, ly - 9, COLOURS.get(r["run"], "#555")))
        svg.append('<text x="%d" y="%d">%s</text>' % (left + w + 40, ly, escape(r["run"])))
    write_svg(path, svg)


def add_arguments(ap):
    ap.add_argument("prefix", help="bench/out/load128-<timestamp>")
    ap.add_argument("--docs")
    ap.add_argument("--img")


def run(a):
    state = read_kv(a.prefix + "-state.txt")
    target_rate = num(state.get("rate"), 200)
    results = [r for r in (load(a.prefix, name) for name in RUNS) if r]
    if not results:
        raise SystemExit("no runs under %s" % a.prefix)
    ok = True
    for r in results:
        for name, passed, detail in checks(r, target_rate):
            ok &= passed
            print("%s  %-8s %-34s %s" % ("PASS" if passed else "FAIL", r["run"], name, detail))
    header = ("Measured %s on %s; relay on JDK 25 with the image's AOT cache and `JAVA_TOOL_OPTIONS=\"%s\"` plus "
              "`-XX:MaxRAM=%s` (a 128 MiB container); 100 webhooks one by one, then %s webhooks/s for %s s of warm-up "
              "(reported apart) and %s s measured, %s client connections; load average %s before, %s after; "
              "`bench/load-128m/run.sh`." % (
                  state.get("date"), state.get("machine"), state.get("flags"), state.get("maxram"),
                  state.get("rate"), state.get("warmup_s"), state.get("duration_s"), state.get("workers"),
                  state.get("load_before"), state.get("load_after")))
    md = header + "\n\n" + table(results)
    print()
    print(md)
    if a.docs:
        img = a.img or os.path.join(os.path.dirname(a.docs), "img")
        sub = "%s/s for %s s, JDK 25 + AOT, -XX:MaxRAM=%s, %s" % (
            state.get("rate"), state.get("duration_s"), state.get("maxram"), state.get("date"))
        rss_chart(os.path.join(img, "load-128m-rss.svg"), results, "VmRSS every 0.2 s, start-up, warm-up and load; " + sub)
        latency_chart(os.path.join(img, "load-128m-latency.svg"), results, sub)
        checks_md = "\n".join("- %s, %s: **%s** (%s)" % (r["run"], name, "met" if passed else "missed", detail)
                              for r in results for name, passed, detail in checks(r, target_rate))
        replace_block(a.docs, "LOAD128", md + "\n\n" + checks_md + "\n\n![RSS over time](img/load-128m-rss.svg)\n"
                      "![latency percentiles](img/load-128m-latency.svg)")
    return 0 if ok else 1
