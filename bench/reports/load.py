"""Load and soak (bench/load/run.sh): summary and sanity checks for one run.

  python3 bench/report.py load PREFIX      # PREFIX = bench/out/load-<timestamp>; reads the files run.sh wrote there

Prints the numbers, one PASS/FAIL line per check and a markdown table row for docs/reliability.md; exits 1 if a
check failed. Thresholds can be changed with env vars (LOAD_MAX_QUEUE, LOAD_MAX_INFLIGHT, LOAD_HEALTH_MAX_MS (a
probe slower than this counts as failed, as a kubelet's 1 s timeout would), LOAD_HEAP_GROWTH_MB, LOAD_THREAD_GROWTH).
"""
import csv
import json
import os
import re

from .common import number as num
from .common import metric_sum as psum
from .common import prometheus, read_kv

def rows(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def prom(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return prometheus(f.read())


def column(csv_rows, key):
    return [x for x in (num(r.get(key)) for r in csv_rows) if x is not None]


def wrk_counts(path):
    """The senders' view, as bench/load/post.lua writes it: answers by status, latencies, socket errors."""
    wrk = {"status": {}}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "status":
                wrk["status"][parts[1]] = int(parts[2])
            elif parts[0] == "socket_errors":
                wrk["socket_errors"] = {k: int(v) for k, v in (p.split("=") for p in parts[1:])}
            else:
                wrk[parts[0]] = float(parts[1])
    return wrk


def by_status(prom_rows):
    """The relay's own answers to /hooks/*: status → [count, seconds]."""
    out = {}
    for n, l, v in prom_rows:
        if n in ("http_server_requests_seconds_count", "http_server_requests_seconds_sum") and 'uri="/hooks/' in l:
            st = re.search(r'status="([^"]*)"', l).group(1)
            out.setdefault(st, [0.0, 0.0])[0 if n.endswith("count") else 1] += v
    return out


def standin(path):
    """The stand-in's journal: (uploads received, most uploads at once, journal total), or Nones."""
    if not os.path.exists(path):
        return None, None, None
    journal = json.load(open(path, encoding="utf-8"))
    reqs = journal.get("requests", [])
    edges = []
    for r in reqs:
        start = r["request"]["loggedDate"]
        edges.append((start, 1))
        edges.append((start + r.get("timing", {}).get("totalTime", 0), -1))
    edges.sort(key=lambda e: (e[0], e[1]))  # at the same millisecond an end comes before a start
    cur = best = 0
    for _, d in edges:
        cur += d
        best = max(best, cur)
    return len(reqs), best, journal.get("meta", {}).get("total", len(reqs))


def f(v, d=0, unit=""):
    return "n/a" if v is None else f"{v:.{d}f}{unit}"


def add_arguments(ap):
    ap.add_argument("prefix", help="bench/out/load-<timestamp>")


def run(a):
    P = a.prefix
    max_queue = int(os.environ.get("LOAD_MAX_QUEUE", 15))
    max_inflight = int(os.environ.get("LOAD_MAX_INFLIGHT", 3))
    health_max_ms = float(os.environ.get("LOAD_HEALTH_MAX_MS", 1000))
    heap_growth_mb = float(os.environ.get("LOAD_HEAP_GROWTH_MB", 16))
    thread_growth = int(os.environ.get("LOAD_THREAD_GROWTH", 2))

    state = read_kv(P + "-state.txt")
    samples, fast = rows(P + ".csv"), rows(P + "-bulkhead.csv")
    start_prom, end_prom = prom(P + "-start.prom"), prom(P + "-end.prom")

    # ---- wrk (the senders' view) ----
    wrk = wrk_counts(P + "-wrk.txt")
    requests = int(wrk.get("requests", 0))
    duration = wrk.get("duration_s", 0) or float(state.get("duration_s", 1))
    statuses = dict(sorted(wrk["status"].items()))
    ok = statuses.get("200", 0)
    busy = statuses.get("503", 0)
    other = {k: v for k, v in statuses.items() if k not in ("200", "503")}
    sock = wrk.get("socket_errors", {})

    # ---- relay metrics: answers by status over the load phase (end minus start) ----
    s0, s1 = by_status(start_prom), by_status(end_prom)
    relay_mix = {}
    for st, (c, s) in s1.items():
        c0, su0 = s0.get(st, [0.0, 0.0])
        if c - c0 > 0:
            relay_mix[st] = (int(c - c0), (s - su0) / (c - c0) * 1000.0)

    # ---- bulkhead: queue and in-flight, from the 1 s samples ----
    waits = column(fast, "bulkhead_waiting")
    runs = column(fast, "bulkhead_running")
    bulkhead_exposed = bool(waits) and bool(runs)
    max_wait = max(waits) if waits else None
    max_run = max(runs) if runs else None
    full_share = (sum(1 for w in waits if w >= max_queue) / len(waits) * 100.0) if waits else None
    wait_max_s = psum(end_prom, "ft_bulkhead_waitingDuration_seconds_max")
    acc0 = psum(start_prom, "ft_bulkhead_calls_total", 'bulkheadResult="accepted"') or 0
    acc1 = psum(end_prom, "ft_bulkhead_calls_total", 'bulkheadResult="accepted"')
    rej0 = psum(start_prom, "ft_bulkhead_calls_total", 'bulkheadResult="rejected"') or 0
    rej1 = psum(end_prom, "ft_bulkhead_calls_total", 'bulkheadResult="rejected"')

    # ---- the stand-in's journal: how many uploads reached "Metrica", and how many overlapped ----
    standin_calls, standin_max_conc, journal_total = standin(P + "-standin.json")
    load_uploads = standin_calls - int(state.get("warmup_uploads", 0)) if standin_calls is not None else None
    load_200 = relay_mix.get("200", (0, 0))[0]

    # ---- health, memory, threads ----
    live_codes = [r.get("health_live_code") for r in fast]  # probed every second
    live_ms = column(fast, "health_live_ms")
    ready_codes = [r.get("health_ready_code") for r in samples]
    threads = column(samples, "threads_live")
    half = len(samples) // 2
    thr_first = column(samples[:half], "threads_live")
    thr_second = column(samples[half:], "threads_live")
    heap = column(samples, "heap_used_mb")
    heap_first_min = min(column(samples[:half], "heap_used_mb") or [0])
    heap_second_min = min(column(samples[half:], "heap_used_mb") or [0])
    rss = column(samples, "rss_mb")
    cpu = column(samples, "cpu_process")
    gc_start, gc_end = num(state.get("heap_after_gc_start_mb")), num(state.get("heap_after_gc_end_mb"))

    print()
    print(f"== load summary: {os.path.basename(P)}")
    print(f"machine: {state.get('machine', '?')}")
    print(f"run: {state.get('duration', '?')} x {state.get('concurrency', '?')} senders (wrk -t{state.get('wrk_threads', '?')}), "
          f"stand-in delay {state.get('delay', '?')} ms, relay -Xmx{state.get('heap', '?')}, deadline {state.get('deadline', '4s')}")
    print()
    print(f"senders (wrk): {requests} answers in {duration:.1f} s = {requests / duration:.0f} req/s")
    print("  status mix: " + ", ".join(f"{k}: {v} ({v / max(requests, 1) * 100:.1f}%)" for k, v in statuses.items()))
    print(f"  200s per second: {ok / duration:.2f}")
    oks = column(samples, "http_200")
    if len(oks) > 1:
        print(f"  200s per {state.get('sample_s', '10')} s sample interval: " + " ".join(f"{b - a:.0f}" for a, b in zip(oks, oks[1:])))
    print(f"  latency (all answers) p50 {f(wrk.get('latency_p50_ms'), 1)} ms, p90 {f(wrk.get('latency_p90_ms'), 1)} ms, "
          f"p99 {f(wrk.get('latency_p99_ms'), 1)} ms, max {f(wrk.get('latency_max_ms'), 1)} ms")
    print("  socket errors: " + (", ".join(f"{k}={v}" for k, v in sock.items() if k != "status") or "n/a"))
    print("relay's own count over the load phase (status: answers, mean ms): "
          + ", ".join(f"{k}: {c}, {m:.0f} ms" for k, (c, m) in sorted(relay_mix.items())))
    rejected_now = (rej1 - rej0) if rej1 is not None else None
    if rejected_now is not None and "503" in relay_mix:
        print(f"  503 causes: bulkhead full (answered at once) {rejected_now:.0f}, "
              f"deadline or other {relay_mix['503'][0] - rejected_now:.0f}")
    print()
    print(f"bulkhead (1 s samples): max queue {f(max_wait)} (limit {max_queue}), max in flight {f(max_run)} "
          f"(limit {max_inflight}); queue full in {f(full_share)}% of samples")
    print(f"  accepted {f(acc1 - acc0 if acc1 is not None else None)}, rejected at once "
          f"{f(rejected_now)}, longest queue wait {f(wait_max_s, 2)} s (recent max)")
    print(f"stand-in: {f(standin_calls)} uploads received ({f(load_uploads)} during load), max concurrent {f(standin_max_conc)}"
          + (f", journal total {journal_total}" if journal_total != standin_calls else ""))
    if load_uploads is not None:
        wasted = load_uploads - load_200
        print(f"  uploads during load whose sender got no 200: {wasted} of {load_uploads} "
              f"({wasted / max(load_uploads, 1) * 100:.0f}%)")
    print()
    live_sorted = sorted(live_ms)
    pct = (lambda q: live_sorted[min(len(live_sorted) - 1, int(q * len(live_sorted)))]) if live_sorted else (lambda q: None)
    late_ms = [num(r["health_live_ms"]) for r in fast if num(r.get("t_s")) is not None and num(r["t_s"]) >= 10
               and num(r.get("health_live_ms")) is not None]
    bad = [c != "200" or (m is not None and m > health_max_ms) for c, m in zip(live_codes, (num(r.get("health_live_ms")) for r in fast))]
    streak = run_len = 0
    for b in bad:
        run_len = run_len + 1 if b else 0
        streak = max(streak, run_len)
    print(f"health live: {sum(1 for c in live_codes if c == '200')}/{len(live_codes)} probes 200; latency median "
          f"{f(pct(0.5), 1)} ms, p95 {f(pct(0.95), 1)} ms, max {f(live_sorted[-1] if live_sorted else None, 1)} ms "
          f"(after the first 10 s: max {f(max(late_ms) if late_ms else None, 1)} ms); {sum(bad)} probes failed or over "
          f"{health_max_ms:.0f} ms, longest run of such {streak}")
    print(f"health ready: {sum(1 for c in ready_codes if c == '200')}/{len(ready_codes)} probes 200")
    print(f"heap after full GC: start {f(gc_start, 1)} MB, end {f(gc_end, 1)} MB "
          f"(growth {f(gc_end - gc_start if gc_start is not None and gc_end is not None else None, 1)} MB)")
    print(f"heap used (sampled): first {f(heap[0] if heap else None, 1)} MB, last {f(heap[-1] if heap else None, 1)} MB, "
          f"max {f(max(heap) if heap else None, 1)} MB; lowest in 1st half {heap_first_min:.1f} MB, in 2nd half {heap_second_min:.1f} MB")
    print(f"RSS: before load {state.get('rss_start_mb', 'n/a')} MB, max {f(max(rss) if rss else None, 1)} MB, "
          f"after load {state.get('rss_end_mb', 'n/a')} MB")
    print(f"threads: before load {state.get('threads_start', 'n/a')}, max {f(max(threads) if threads else None)}, "
          f"after load {state.get('threads_end', 'n/a')}; process CPU max {f(max(cpu) * 100 if cpu else None)}% of the machine")
    print(f"relay log: {state.get('log_blocked', '?')} 'blocked' warnings, {state.get('log_failed', '?')} metrica_failed lines, "
          f"{state.get('log_other_warn', '?')} other WARN/ERROR lines ({state.get('log_mb', '?')} MB log)")

    checks = []

    def check(name, passed, detail):
        checks.append(passed)
        print(f"{'PASS' if passed else 'FAIL'}  {name}: {detail}")

    print()
    if bulkhead_exposed:
        check("bulkhead queue bounded", max_wait <= max_queue, f"max {max_wait:.0f} <= {max_queue}")
        check("bulkhead in flight bounded", max_run <= max_inflight, f"max {max_run:.0f} <= {max_inflight}")
    else:
        print("NOTE  the relay's /q/metrics has no ft_bulkhead_executions* gauges; relying on the stand-in's journal")
    if standin_max_conc is not None:
        check("stand-in never saw more than the bulkhead allows", standin_max_conc <= max_inflight,
              f"max concurrent uploads {standin_max_conc} <= {max_inflight}")
    # a kubelet restarts a pod after failureThreshold (default 3) failed probes in a row, a probe failing on
    # a non-2xx answer or after timeoutSeconds (default 1 s): "stays live" means no such run of 3
    check("health live stays live", bool(live_codes) and streak < 3,
          f"{sum(bad)} of {len(live_codes)} probes failed or took over {health_max_ms:.0f} ms, never 3 in a row "
          f"(longest run {streak})")
    check("only 200 and 503 answered", not other and not any(sock.get(k, 0) for k in ("connect", "read", "write", "timeout")),
          f"other statuses {other or 'none'}, socket errors {sock}")
    check("no event-loop / thread blocked warnings", state.get("log_blocked", "0") == "0",
          f"{state.get('log_blocked', '?')} in the relay log")
    if gc_start is not None and gc_end is not None:
        check("no heap growth", gc_end - gc_start <= heap_growth_mb,
              f"heap after full GC grew {gc_end - gc_start:.1f} MB <= {heap_growth_mb:.0f} MB")
    if thr_first and thr_second:
        check("no thread growth", max(thr_second) - max(thr_first) <= thread_growth,
              f"max live threads 1st half {max(thr_first):.0f}, 2nd half {max(thr_second):.0f}")

    row = (f"| {state.get('date', '?')} | {state.get('duration', '?')} | {state.get('concurrency', '?')} | {requests / duration:.0f} | "
           f"{ok} / {busy} / {sum(other.values())} | {ok / duration:.2f} | {f(wrk.get('latency_p50_ms'), 1)} / "
           f"{f(wrk.get('latency_p99_ms'), 0)} | {f(max(live_ms) if live_ms else None, 0)} | {f(max_wait)} / {f(max_run)} / "
           f"{f(standin_max_conc)} | {f(load_uploads)} / {load_200} | {f(gc_start, 1)} → {f(gc_end, 1)} | "
           f"{state.get('rss_start_mb', '?')} → {f(max(rss) if rss else None)} | {state.get('threads_start', '?')} → "
           f"{f(max(threads) if threads else None)} | {state.get('log_blocked', '?')} |")
    print()
    print('markdown row (docs/reliability.md, "Load and soak"):')
    print(row)
    return 0 if all(checks) else 1
