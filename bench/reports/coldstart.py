"""Cold start (bench/coldstart.sh, bench/profile/startup-profile.sh): summarises a CSV written by
bench/prober/Prober.java — per mode the median, p25–p75 (min–max when there are fewer than 5 runs) of the time to
the first 200 and the median RSS; writes a JSON summary, a Markdown table, two SVG bar charts, and the table into
the BENCH:START/END block of the docs file.

  python3 bench/report.py coldstart --csv bench/out/coldstart-runs.csv [--pair relay-17=base-17 ...]
      [--json F] [--table F] [--svg-time F] [--svg-rss F] [--doc docs/performance.md] [--header TEXT]
"""
import csv
import json
import os

from .common import bar_chart, quantile, replace_block

MIN_RUNS_FOR_QUARTILES = 5


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


def colour(key):
    if key.startswith("base"):
        return "#9aa5b1"
    return "#7fa37a" if key.startswith("stack") else "#2f6db5"


def add_arguments(ap):
    ap.add_argument("--csv", required=True)
    ap.add_argument("--pair", action="append", default=[], help="key=baseline-key[,another-baseline-key]")
    ap.add_argument("--json")
    ap.add_argument("--table")
    ap.add_argument("--svg-time")
    ap.add_argument("--svg-rss")
    ap.add_argument("--doc")
    ap.add_argument("--header", default="")


def run(a):
    with open(a.csv, newline="", encoding="utf-8") as f:
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
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"header": a.header, "pairs": pairs, "modes": summary}, f, indent=2)
    if a.table:
        with open(a.table, "w", encoding="utf-8") as f:
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
    if a.doc:
        doc_dir = os.path.dirname(os.path.abspath(a.doc))
        imgs = ["![%s](%s)" % (alt, os.path.relpath(os.path.abspath(p), doc_dir))
                for p, alt in ((a.svg_time, "time to first 200 per mode"), (a.svg_rss, "RSS per mode")) if p]
        replace_block(a.doc, "BENCH", a.header + "\n\n" + tab + "\n" + ("\n" + "\n".join(imgs) if imgs else ""))
        print("== wrote " + a.doc)
    return 0
