#!/usr/bin/env python3
"""RSS sampler for bench/load-128m/run.sh (standard library only).

One long-lived process: it opens /proc/PID/status once and re-reads it every INTERVAL seconds (no fork
per sample), writing t_s, VmRSS, RssAnon, RssFile (mapped jars and the AOT cache) and RssShmem in MiB,
and the thread count. Runs until SIGTERM/SIGINT or until the process is gone.

    rss.py PID OUT_CSV [INTERVAL_S=0.2]
"""
import signal
import sys
import time

PID, OUT = sys.argv[1], sys.argv[2]
INTERVAL = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
FIELDS = ("VmRSS", "RssAnon", "RssFile", "RssShmem", "Threads")

# SIGTERM/SIGINT end the loop through SystemExit, so the CSV is closed cleanly
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
signal.signal(signal.SIGINT, lambda *_: sys.exit(0))

start = time.monotonic()
with open(f"/proc/{PID}/status") as status, open(OUT, "w", buffering=1) as out:
    out.write("t_s,rss_mib,anon_mib,file_mib,shmem_mib,threads\n")
    while True:
        tick = time.monotonic()
        try:
            status.seek(0)
            text = status.read()
        except OSError:  # the process is gone
            break
        values = {}
        for line in text.splitlines():
            key, _, rest = line.partition(":")
            if key in FIELDS:
                values[key] = int(rest.split()[0])
        if "VmRSS" not in values:  # a zombie has no memory lines
            break
        mib = [f"{values.get(k, 0) / 1024.0:.2f}" for k in FIELDS[:4]]
        out.write(f"{tick - start:.2f},{','.join(mib)},{values.get('Threads', '')}\n")
        time.sleep(max(0.0, tick + INTERVAL - time.monotonic()))
