#!/usr/bin/env python3
"""Summarises bench/out/coldstart-runs.csv (written by bench/prober/Prober.java): per mode the median,
p25-p75 (min-max when there are fewer than 5 runs) of the time to the first 200 and the median RSS;
writes a JSON summary, a Markdown table, two hand-written SVG bar charts, and the table into the
BENCH:START/END block of docs/performance.md. Python 3 standard library only.

  python3 bench/report.py --csv bench/out/coldstart-runs.csv [--pair relay-17=base-17 ...]
      [--json F] [--table F] [--svg-time F] [--svg-rss F] [--doc docs/performance.md] [--header TEXT]
"""
import argparse
import csv
import json
import math
import os
from html import escape

MIN_RUNS_FOR_QUARTILES = 5


def quantile(sorted_values, q):
    """Linear interpolation between closest ranks (numpy's default)."""
    if not sorted_values:
        return float("nan")
    pos = (len(sorted_values) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def summarise(rows):
    modes = {}
    for r in rows:
        m = modes.setdefault(r["key"], {"key": r["key"], "label": r["label"], "ms": [], "listen": [], "cpu": [],
                                        "rss_mb": [], "anon_mb": [], "file_mb": [], "started_s": [],
                                        "cache_warnings": 0})
        m["ms"].append(float(r["ms_first_200"]))
        m["listen"].append(float(r["ms_listen"]))
        if r.get("cpu_ms"):
            m["cpu"].append(float(r["cpu_ms"]))
        m["rss_mb"].append(int(r["rss_kb"]) / 1024)
        m["anon_mb"].append(int(r.get("rss_anon_kb") or -1024) / 1024)
        m["file_mb"].append(int(r.get("rss_file_kb") or -1024) / 1024)
        if r["quarkus_started_s"]:
            m["started_s"].append(float(r["quarkus_started_s"]))
        m["cache_warnings"] += int(r["cache_warnings"])
    out = []
    for m in modes.values():
        ms = sorted(m["ms"])
        n = len(ms)
        quart = n >= MIN_RUNS_FOR_QUARTILES
        lo, hi = (quantile(ms, 0.25), quantile(ms, 0.75)) if quart else (ms[0], ms[-1])
        out.append({
            "key": m["key"], "label": m["label"], "runs": n,
            "first_200_ms": {"median": quantile(ms, 0.5), "p25": quantile(ms, 0.25), "p75": quantile(ms, 0.75),
                             "min": ms[0], "max": ms[-1], "all": m["ms"]},
            "spread": {"kind": "p25-p75" if quart else "min-max", "low": lo, "high": hi},
            "listening_ms_median": quantile(sorted(m["listen"]), 0.5),
            "cpu_ms_median": quantile(sorted(m["cpu"]), 0.5) if m["cpu"] else None,
            "first_request_ms_median": quantile(sorted(a - b for a, b in zip(m["ms"], m["listen"])), 0.5),
            "quarkus_started_s_median": quantile(sorted(m["started_s"]), 0.5) if m["started_s"] else None,
            "rss_mb": {"median": quantile(sorted(m["rss_mb"]), 0.5), "min": min(m["rss_mb"]),
                       "max": max(m["rss_mb"]), "all": m["rss_mb"],
                       "anon_median": quantile(sorted(m["anon_mb"]), 0.5),
                       "file_median": quantile(sorted(m["file_mb"]), 0.5)},
            "cache_warnings": m["cache_warnings"],
        })
    return out


def table(summary, pairs):
    by_key = {s["key"]: s for s in summary}
    kinds = {s["spread"]["kind"] for s in summary}
    spread_head = "p25–p75 ms" if kinds == {"p25-p75"} else ("min–max ms" if kinds == {"min-max"} else "spread ms")
    lines = ["| mode | first 200, median ms | " + spread_head + " | listening, median ms | CPU used by then, median ms | "
             "Quarkus \"started in\", median s | RSS after it, median MB (anon + file) | ÷ baseline (time, RSS) |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for s in summary:
        ratios = []
        for base in pairs.get(s["key"], []):
            if base in by_key:
                b = by_key[base]
                ratios.append("%.2f×, %.2f× (vs %s)" % (s["first_200_ms"]["median"] / b["first_200_ms"]["median"],
                                                       s["rss_mb"]["median"] / b["rss_mb"]["median"], b["label"]))
        ratio = "; ".join(ratios)
        started = s["quarkus_started_s_median"]
        warn = " ⚠ %d CDS/AOT warnings" % s["cache_warnings"] if s["cache_warnings"] else ""
        rss = "%.0f" % s["rss_mb"]["median"]
        if s["rss_mb"]["anon_median"] >= 0:
            rss += " (%.0f + %.0f)" % (s["rss_mb"]["anon_median"], s["rss_mb"]["file_median"])
        cpu = s["cpu_ms_median"]
        lines.append("| %s%s | %.0f | %.0f–%.0f | %.0f | %s | %s | %s | %s |" % (
            s["label"], warn, s["first_200_ms"]["median"], s["spread"]["low"], s["spread"]["high"],
            s["listening_ms_median"], "%.0f" % cpu if cpu is not None else "–", "%.3f" % started if started is not None else "–",
            rss, ratio))
    return "\n".join(lines)


# ---------------------------------------------------------------- SVG

def nice_step(max_value, ticks=8):
    raw = max_value / ticks
    mag = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def bar_chart(path, title, subtitle, unit, items, inner=None):
    """items: (label, value, low, high, colour); horizontal bars, whiskers low..high when given.
    inner: optional per-item value drawn as a darker inner part of the bar (e.g. anonymous RSS)."""
    # no font metrics in the standard library: ~7.3 px per character at 13 px is a safe estimate
    label_w = int(max(120, 7.3 * max(len(i[0]) for i in items) + 20))
    bar_w, row_h, top, bottom = 480, 30, 64, 46
    width = max(label_w + bar_w + 90, int(6.9 * len(subtitle)) + 24)
    height = top + row_h * len(items) + bottom
    vmax = max(max(v, h if h is not None else v) for _, v, _, h, _ in items) * 1.08
    step = nice_step(vmax)
    vmax = step * math.ceil(vmax / step)

    def x(v):
        return label_w + bar_w * v / vmax

    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
           'font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="13">' % (width, height, width, height),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="12" y="24" font-size="16" font-weight="bold">%s</text>' % escape(title),
           '<text x="12" y="44" fill="#555">%s</text>' % escape(subtitle)]
    t = 0.0
    while t <= vmax + 1e-9:
        svg.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (x(t), top - 6, x(t), top + row_h * len(items)))
        svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (
            x(t), top + row_h * len(items) + 18, ("%g" % t)))
        t += step
    svg.append('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>' % (
        label_w + bar_w / 2, height - 8, escape(unit)))
    for i, (label, v, lo, hi, colour) in enumerate(items):
        y = top + i * row_h
        svg.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (label_w - 10, y + row_h / 2 + 4, escape(label)))
        svg.append('<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %.0f</title></rect>' % (
            label_w, y + 5, x(v) - label_w, row_h - 10, colour, escape(label), v))
        if inner is not None and inner[i] is not None and inner[i] >= 0:
            svg.append('<rect x="%d" y="%.1f" width="%.1f" height="%d" fill="%s"><title>%s: %.0f</title></rect>' % (
                label_w, y + 5, x(inner[i]) - label_w, row_h - 10, darker(colour), escape(label), inner[i]))
        end = x(v)
        if lo is not None and hi is not None:
            cy = y + row_h / 2
            svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (x(lo), cy, x(hi), cy))
            for w in (lo, hi):
                svg.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#222" stroke-width="1.5"/>' % (x(w), cy - 6, x(w), cy + 6))
            end = max(end, x(hi))
        svg.append('<text x="%.1f" y="%.1f" fill="#222">%.0f</text>' % (end + 6, y + row_h / 2 + 4, v))
    svg.append('</svg>')
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w") as f:
        f.write("\n".join(svg) + "\n")


def darker(hex_colour):
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02x%02x%02x" % (int(r * 0.65), int(g * 0.65), int(b * 0.65))


def colour(key):
    if key.startswith("base"):
        return "#9aa5b1"
    return "#7fa37a" if key.startswith("stack") else "#2f6db5"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", required=True)
    ap.add_argument("--pair", action="append", default=[], help="key=baseline-key[,another-baseline-key]")
    ap.add_argument("--json")
    ap.add_argument("--table")
    ap.add_argument("--svg-time")
    ap.add_argument("--svg-rss")
    ap.add_argument("--doc")
    ap.add_argument("--header", default="")
    a = ap.parse_args()

    with open(a.csv, newline="") as f:
        summary = summarise(list(csv.DictReader(f)))
    pairs = {k: v.split(",") for k, v in (p.split("=", 1) for p in a.pair)}
    tab = table(summary, pairs)
    runs = sorted({s["runs"] for s in summary})
    spread = summary[0]["spread"]["kind"] if summary else "p25-p75"
    spread_text = "p25–p75" if spread == "p25-p75" else "min–max (fewer than %d runs)" % MIN_RUNS_FOR_QUARTILES

    print()
    if a.header:
        print(a.header)
    print(tab)
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"header": a.header, "pairs": pairs, "modes": summary}, f, indent=2)
    if a.table:
        with open(a.table, "w") as f:
            f.write((a.header + "\n\n" if a.header else "") + tab + "\n")
    runs_text = "%s runs per mode" % "/".join(map(str, runs))
    if a.svg_time:
        bar_chart(a.svg_time, "Cold start: first HTTP 200 after exec",
                  "median, whiskers %s; %s; blue = relay, grey = bare Quarkus REST baseline, green = the baseline with the relay's extensions" % (spread_text, runs_text),
                  "ms from exec to the first 200 answer to a webhook",
                  [(s["label"], s["first_200_ms"]["median"], s["spread"]["low"], s["spread"]["high"], colour(s["key"]))
                   for s in summary])
    if a.svg_rss:
        bar_chart(a.svg_rss, "Resident memory right after the first 200",
                  "median VmRSS (dark part: anonymous memory; light: mapped files, jars and CDS/AOT archive), "
                  "whiskers min–max; %s" % runs_text,
                  "MB (VmRSS from /proc/PID/status); blue = relay, grey = bare baseline, green = baseline + the relay's extensions",
                  [(s["label"], s["rss_mb"]["median"], s["rss_mb"]["min"], s["rss_mb"]["max"], colour(s["key"]))
                   for s in summary],
                  inner=[s["rss_mb"]["anon_median"] for s in summary])
    if a.doc and os.path.exists(a.doc):
        text = open(a.doc).read()
        if "<!-- BENCH:START -->" in text and "<!-- BENCH:END -->" in text:
            start, end = text.index("<!-- BENCH:START -->"), text.index("<!-- BENCH:END -->")
            doc_dir = os.path.dirname(os.path.abspath(a.doc))
            imgs = ""
            for p, alt in ((a.svg_time, "time to first 200 per mode"), (a.svg_rss, "RSS per mode")):
                if p:
                    imgs += "![%s](%s)\n" % (alt, os.path.relpath(os.path.abspath(p), doc_dir))
            block = "<!-- BENCH:START -->\n" + a.header + "\n\n" + tab + "\n\n" + imgs
            with open(a.doc, "w") as f:
                f.write(text[:start] + block + text[end:])
            print("== wrote " + a.doc)


if __name__ == "__main__":
    main()
