"""JMH (bench/jmh/run.sh): summarises a JMH JSON result of bench.jmh.WebhookBenchmark: per source the median
events/s over the measurement iterations, JMH's 99.9 % error of the mean, min-max, events per CPU-second and bytes
allocated per event (gc.alloc.rate.norm / events per webhook, from -prof gc). Writes a Markdown table, an SVG bar
chart, and the table into the JMH:START/END block of the docs file.

  python3 bench/report.py jmh --json bench/out/jmh.json [--check bench/out/jmh-check.txt] [--table F]
      [--svg docs/img/jmh-throughput.svg] [--doc docs/performance.md] [--header TEXT] [--target 50000]
"""
import json
import math
import os
import re
from html import escape

from .common import median, nice_step, number, replace_block, write_svg

CHECK_LINE = re.compile(r"^(\S+)\s+(\S+)\s+(\d+) B\s+events=(\d+)\s+actions=\[(.*?)\]\s+requests=\[(.*?)\]$")


def finite(value):
    v = number(value)
    return None if v is None or math.isnan(v) else v


def settings(path):
    """How JMH ran, from the result itself (extra options given to run.sh may have changed the defaults)."""
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    if not runs:
        return ""
    r = runs[0]
    profilers = "-prof gc" if "gc.alloc.rate.norm" in r.get("secondaryMetrics", {}) else "no -prof gc"
    return "JDK %s; %d fork(s), %d × %s warm-up, %d × %s measured, %d thread(s), %s" % (
        r["jdkVersion"], r["forks"], r["warmupIterations"], r["warmupTime"], r["measurementIterations"],
        r["measurementTime"], r["threads"], profilers)


def load(path):
    with open(path, encoding="utf-8") as f:
        runs = json.load(f)
    rows = []
    for run in runs:
        source = run.get("params", {}).get("source", run["benchmark"].rsplit(".", 1)[-1])
        primary = run["primaryMetric"]
        secondary = run.get("secondaryMetrics", {})
        events = secondary.get("events", primary)  # without the counter: one event per webhook
        ops = primary["score"]
        per_op = events["score"] / ops if ops else float("nan")
        raw = [v for fork in events["rawData"] for v in fork]
        norm = secondary.get("gc.alloc.rate.norm")
        cpu = None
        if "cpuEvents" in secondary and "cpuNanos" in secondary:
            counts = [v for fork in secondary["cpuEvents"]["rawData"] for v in fork]
            nanos = [v for fork in secondary["cpuNanos"]["rawData"] for v in fork]
            cpu = median([c / n * 1e9 for c, n in zip(counts, nanos) if n > 0])
        rows.append({
            "source": source,
            "events_per_webhook": per_op,
            "median": events["scorePercentiles"]["50.0"],
            "error": finite(events.get("scoreError")),
            "min": min(raw), "max": max(raw), "iterations": len(raw),
            "bytes_per_event": norm["score"] / per_op if norm and per_op else None,
            "bytes_per_webhook": norm["score"] if norm else None,
            "per_cpu_second": cpu,
        })
    return sorted(rows, key=lambda r: r["source"])


def check_lines(path):
    """bench.jmh.Check's lines: the fixture each source ran, its body size and what the relay made of it."""
    cases = {}
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = CHECK_LINE.match(line.rstrip())
                if m:
                    cases[m.group(1)] = {"case": m.group(2), "bytes": int(m.group(3)), "actions": m.group(5),
                                         "requests": re.sub(r"\(.*?\)", "", m.group(6)) or "none"}
    return cases


def table(rows, cases, target):
    out = ["| source | fixture (body bytes) | becomes → Metrica requests | events/s, median | ± error (99.9 %%) "
           "| min–max | events per CPU-second, median | bytes allocated / event | ≥ %s/s (wall / CPU) |" % f"{target:,}",
           "|---|---|---|---:|---:|---:|---:|---:|:-:|"]
    for r in rows:
        c = cases.get(r["source"], {})
        fixture = "`%s` (%d)" % (c["case"], c["bytes"]) if c else ""
        becomes = "%s → %s" % (c["actions"], c["requests"]) if c else ""
        err = f"{r['error']:,.0f}" if r["error"] is not None else "n/a"
        cpu = f"{r['per_cpu_second']:,.0f}" if r["per_cpu_second"] is not None else "n/a"
        alloc = f"{r['bytes_per_event']:,.0f}" if r["bytes_per_event"] is not None else "n/a (no -prof gc)"
        verdict = "%s / %s" % (yes_no(r["median"], target), yes_no(r["per_cpu_second"], target))
        out.append("| %s | %s | %s | %s | %s | %s–%s | %s | %s | %s |" % (
            r["source"], fixture, becomes, f"{r['median']:,.0f}", err, f"{r['min']:,.0f}", f"{r['max']:,.0f}", cpu,
            alloc, verdict))
    return "\n".join(out)


def yes_no(value, target):
    return "n/a" if value is None else "yes" if value >= target else "**no**"


def throughput_chart(path, rows, target, subtitle):
    label_w, plot_w, row_h, top, right = 110, 560, 30, 92, 150
    width, height = label_w + plot_w + right, top + row_h * len(rows) + 50
    top_value = max([r["max"] for r in rows] + [r["per_cpu_second"] or 0 for r in rows] + [target]) * 1.05
    step = nice_step(top_value, 6)
    top_value = math.ceil(top_value / step) * step

    def x(v):
        return label_w + plot_w * v / top_value

    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="sans-serif" font-size="12">' % (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">Webhooks parsed, routed and built into Metrica '
           'requests, per core</text>',
           '<text x="10" y="42" fill="#555">%s</text>' % escape(subtitle),
           '<text x="10" y="60" fill="#555">bar: events/s, wall clock (median of the iterations), whiskers: min–max; '
           '◆: events per CPU-second of the benchmark thread</text>']
    bottom = top + row_h * len(rows)
    t = 0
    while t <= top_value + 1e-9:
        svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(t), top - 6, x(t), bottom))
        svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (x(t), bottom + 16, f"{t:,.0f}"))
        t += step
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">events/s, one thread</text>' % (
        label_w + plot_w / 2, bottom + 36))
    for i, r in enumerate(rows):
        y = top + i * row_h
        cy = y + row_h / 2
        colour = "#4c9a6a" if r["median"] >= target else "#d9822b"
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (label_w - 10, cy + 4, escape(r["source"])))
        svg.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"><title>%s: %.0f events/s</title></rect>' % (
            label_w, y + 6, x(r["median"]) - label_w, row_h - 12, colour, escape(r["source"]), r["median"]))
        svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (
            x(r["min"]), cy, x(r["max"]), cy))
        for w in (r["min"], r["max"]):
            svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (
                x(w), cy - 5, x(w), cy + 5))
        if r["per_cpu_second"] is not None:
            px = x(r["per_cpu_second"])
            svg.append('<path d="M %.1f %.1f l 6 6 l -6 6 l -6 -6 z" fill="#222"><title>%s: %.0f events per CPU-second'
                       '</title></path>' % (px, cy - 6, escape(r["source"]), r["per_cpu_second"]))
        alloc = " · %.1f KB/event" % (r["bytes_per_event"] / 1024) if r["bytes_per_event"] is not None else ""
        svg.append('<text x="%.1f" y="%.1f" fill="#222">%s%s</text>' % (
            max(x(r["max"]), x(target), x(r["per_cpu_second"] or 0)) + 8, cy + 4, f"{r['median']:,.0f}", alloc))
    svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#b03030" stroke-width="1.5" stroke-dasharray="5,4"/>' % (
        x(target), top - 8, x(target), bottom))
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#b03030">target %s/s</text>' % (
        x(target), top - 12, f"{target:,}"))
    write_svg(path, svg)


def add_arguments(ap):
    ap.add_argument("--json", required=True)
    ap.add_argument("--check")
    ap.add_argument("--table")
    ap.add_argument("--svg")
    ap.add_argument("--doc")
    ap.add_argument("--header", default="")
    ap.add_argument("--target", type=int, default=50000)


def run(a):

    rows = load(a.json)
    md = table(rows, check_lines(a.check), a.target)
    print(md)
    if a.table:
        with open(a.table, "w", encoding="utf-8") as f:
            f.write(md + "\n")
    if a.svg:
        iters = sorted({r["iterations"] for r in rows})
        throughput_chart(a.svg, rows, a.target, "one thread, %s measurement iteration(s) per source; bars below the "
                  "dashed line miss the target" % "/".join(map(str, iters)))
    if a.doc:
        parts = [" ".join(p for p in (a.header.strip(), settings(a.json) + ".") if p)]
        parts.append(md)
        if a.svg:
            rel = os.path.relpath(a.svg, os.path.dirname(os.path.abspath(a.doc)))
            parts.append("![events/s per source](%s)" % rel)
        replace_block(a.doc, "JMH", "\n\n".join(parts))
    return 0
