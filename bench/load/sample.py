#!/usr/bin/env python3
"""Sampler for bench/load/run.sh (standard library only).

Every FAST seconds it probes /q/health/live (a fresh connection each time, as an orchestrator's
probe would) and scrapes /q/metrics for the bulkhead gauges (a 10 s cadence would miss short peaks
of the queue): one row in BULKHEAD_CSV. Every SLOW seconds it also probes /q/health/ready, reads
the process RSS from /proc and records heap, threads, GC and answer counts: one row in OUT_CSV.
Runs until SIGTERM/SIGINT.

    sample.py RELAY_URL PID OUT_CSV BULKHEAD_CSV [SLOW=10] [FAST=1]
"""
import os
import signal
import sys
import time
import urllib.error
import urllib.request

# the Prometheus reading bench/report.py load uses too (bench/reports/common.py); no __pycache__ left behind
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from reports.common import metric_sum as total  # noqa: E402
from reports.common import prometheus as parse  # noqa: E402

URL, PID, OUT, FAST_OUT = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
SLOW = float(sys.argv[5]) if len(sys.argv) > 5 else 10.0
FAST = float(sys.argv[6]) if len(sys.argv) > 6 else 1.0

COLUMNS = [
    "t_s", "health_live_code", "health_live_ms", "health_ready_code", "health_ready_ms", "metrics_ms",
    "rss_mb", "heap_used_mb", "heap_committed_mb", "nonheap_used_mb", "threads_live", "threads_peak",
    "threads_blocked", "bulkhead_running", "bulkhead_waiting", "bulkhead_accepted", "bulkhead_rejected",
    "bulkhead_wait_max_s", "http_200", "http_503", "http_other", "gc_pauses", "gc_pause_s", "cpu_process",
]

stop = False


def on_signal(*_):
    global stop
    stop = True


signal.signal(signal.SIGTERM, on_signal)
signal.signal(signal.SIGINT, on_signal)


def get(path, timeout=5.0):
    """(status, body, milliseconds); status 0 when there was no HTTP answer."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(URL + path, timeout=timeout) as r:
            body = r.read().decode("utf-8", "replace")
            status = r.status
    except urllib.error.HTTPError as e:
        body, status = e.read().decode("utf-8", "replace"), e.code
    except Exception:
        body, status = "", 0
    return status, body, (time.perf_counter() - start) * 1000.0


def rss_mb():
    try:
        with open(f"/proc/{PID}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def fmt(v, digits=1):
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def http_counts(rows):
    ok = busy = other = 0.0
    seen = False
    for n, labels, v in rows:
        if n == "http_server_requests_seconds_count" and 'uri="/hooks/' in labels:
            seen = True
            if 'status="200"' in labels:
                ok += v
            elif 'status="503"' in labels:
                busy += v
            else:
                other += v
    return (ok, busy, other) if seen else (None, None, None)


MB = 1024.0 * 1024.0
start = time.monotonic()
next_slow = start
with open(OUT, "w", buffering=1) as out, open(FAST_OUT, "w", buffering=1) as fast:
    out.write(",".join(COLUMNS) + "\n")
    fast.write("t_s,health_live_code,health_live_ms,bulkhead_running,bulkhead_waiting\n")
    while not stop:
        tick = time.monotonic()
        t = tick - start
        live_code, _, live_ms = get("/q/health/live")
        status, text, metrics_ms = get("/q/metrics")
        rows = parse(text) if status == 200 else []
        running = total(rows, "ft_bulkhead_executionsRunning")
        waiting = total(rows, "ft_bulkhead_executionsWaiting")
        fast.write(f"{t:.1f},{live_code},{live_ms:.1f},{fmt(running, 0)},{fmt(waiting, 0)}\n")
        if tick >= next_slow:
            next_slow += SLOW
            ready_code, _, ready_ms = get("/q/health/ready")
            heap = total(rows, "jvm_memory_used_bytes", 'area="heap"')
            committed = total(rows, "jvm_memory_committed_bytes", 'area="heap"')
            nonheap = total(rows, "jvm_memory_used_bytes", 'area="nonheap"')
            ok, busy, other = http_counts(rows)
            values = [
                f"{t:.1f}", live_code, f"{live_ms:.1f}", ready_code, f"{ready_ms:.1f}", f"{metrics_ms:.1f}",
                fmt(rss_mb()), fmt(heap / MB if heap is not None else None),
                fmt(committed / MB if committed is not None else None),
                fmt(nonheap / MB if nonheap is not None else None),
                fmt(total(rows, "jvm_threads_live_threads"), 0), fmt(total(rows, "jvm_threads_peak_threads"), 0),
                fmt(total(rows, "jvm_threads_states_threads", 'state="blocked"'), 0),
                fmt(running, 0), fmt(waiting, 0),
                fmt(total(rows, "ft_bulkhead_calls_total", 'bulkheadResult="accepted"'), 0),
                fmt(total(rows, "ft_bulkhead_calls_total", 'bulkheadResult="rejected"'), 0),
                fmt(total(rows, "ft_bulkhead_waitingDuration_seconds_max"), 3),
                fmt(ok, 0), fmt(busy, 0), fmt(other, 0),
                fmt(total(rows, "jvm_gc_pause_seconds_count"), 0), fmt(total(rows, "jvm_gc_pause_seconds_sum"), 3),
                fmt(total(rows, "process_cpu_usage"), 2),
            ]
            out.write(",".join(str(v) for v in values) + "\n")
        # sleep to the next tick in short steps so SIGTERM ends the loop promptly
        while not stop and time.monotonic() < tick + FAST:
            time.sleep(0.1)
