"""Queued delivery (bench/queue/run.sh): turns its results.txt (key=value lines) into the QUEUE block of the docs
file and two SVG charts (queue-ingest-rate.svg, queue-ingest-p99.svg under --img).

  python3 bench/report.py queue bench/out/queue-<stamp>/results.txt [--doc docs/performance.md] [--img docs/img]
"""
import os
import re

from .common import bar_chart, read_kv, replace_block

CONNECTIONS = (1, 10, 50, 200)
TARGET_RATE, TARGET_P99_MS = 3000, 25


def ms(value):
    """wrk's latency text (850.00us, 2.31ms, 1.02s) in milliseconds."""
    m = re.fullmatch(r"([0-9.]+)(us|ms|s)", value or "")
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]


def add_arguments(ap):
    ap.add_argument("results", help="bench/out/queue-<stamp>/results.txt")
    ap.add_argument("--doc", default="docs/performance.md")
    ap.add_argument("--img", default="docs/img")


def run(a):
    r = read_kv(a.results)
    if not r:
        raise SystemExit("no key=value lines in %s" % a.results)

    rows = ["| senders (wrk connections) | webhooks/s | p50 ms | p90 ms | p99 ms | relay CPU (cores) | wrk CPU (cores) | errors |",
            "|---:|---:|---:|---:|---:|---:|---:|---|"]
    rate_items, p99_items = [], []
    for c in CONNECTIONS:
        rate = float(r.get("c%d_rate" % c, "nan"))
        p = {q: ms(r.get("c%d_p%d" % (c, q))) for q in (50, 90, 99)}
        rows.append("| %d | %.0f | %.1f | %.1f | %.1f | %s | %s | %s |" % (c, rate, p[50], p[90], p[99],
                    r.get("c%d_relay_cpu_cores" % c, "–"), r.get("c%d_wrk_cpu_cores" % c, "–"), r.get("c%d_errors" % c, "").strip() or "none"))
        rate_items.append(("%d senders" % c, rate, None, None, "#2f6db5" if rate >= TARGET_RATE else "#c0504d"))
        p99_items.append(("%d senders" % c, p[99], p[50], p[99], "#2f6db5" if p[99] <= TARGET_P99_MS else "#c0504d"))

    events = float(r.get("events", "nan"))
    per_100k = 100000.0 / events
    queued_req = float(r.get("queued_requests", "nan")) * per_100k
    direct_req = float(r.get("direct_requests", "nan")) * 100000.0 / float(r.get("direct_events", "nan"))
    send_q = r.get("queued_send", "")
    send_d = r.get("direct_send", "")
    subtitle = "%s; %s; %s s per point; load %s before, %s after" % (r.get("date"), r.get("machine"),
                                                                   r.get("seconds_per_point"), r.get("load_before"), r.get("load_after"))
    bar_chart(os.path.join(a.img, "queue-ingest-rate.svg"), "Queued delivery: durable ingest (SQLite, FULL sync)",
              subtitle, "webhooks answered 200 per second (target ≥ %d, blue = met)" % TARGET_RATE, rate_items)
    bar_chart(os.path.join(a.img, "queue-ingest-p99.svg"), "Queued delivery: answer time, p50 to p99",
              subtitle, "ms: bar = p99, whisker = p50 … p99 (target p99 ≤ %d ms, blue = met)" % TARGET_P99_MS, p99_items)

    block = "\n".join([
        "Measured %s on %s; `bench/queue/run.sh %s`; load average %s before, %s after." % (
            r.get("date"), r.get("machine"), r.get("seconds_per_point"), r.get("load_before"), r.get("load_after")),
        "",
        "**Durable ingest** (queued mode, SQLite, `synchronous=FULL`, group commit; Tilda webhooks from `wrk -t1`, "
        "each a distinct event; `-Xmx512m`):",
        "",
        *rows,
        "",
        "![ingest rate per senders](img/queue-ingest-rate.svg)",
        "![answer time per senders](img/queue-ingest-p99.svg)",
        "",
        "**Metrica requests per 100,000 events** (60 % Tilda conversions, 20 % amoCRM lead changes — every lead twice, "
        "in progress then won —, 20 % Calltouch calls; fast WireMock stand-in):",
        "",
        "| delivery | Metrica requests per 100,000 events | how measured |",
        "|---|---:|---|",
        "| direct | %.0f | %s events (%s); the REST client's call count, scaled |" % (direct_req, r.get("direct_events"), send_d),
        "| queued | %.0f | %s events (%s); the flush reports' `requests`%s |" % (
            queued_req, r.get("events"), send_q, "" if per_100k == 1 else ", scaled"),
        "",
        "**Drain**: %s flushes took %s s to deliver the %s queued events (%s queued rows reported flushed) to the stand-in." % (
            r.get("drain_flushes"), r.get("drain_seconds"), r.get("events"), r.get("drain_rows")),
    ])
    replace_block(a.doc, "QUEUE", block)
    print(block)
    return 0
