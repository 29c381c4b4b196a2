#!/usr/bin/env python3
"""The benches' one report script (Python 3 standard library only): from one bench's result files, its summary
and checks, Markdown table, hand-written SVG charts and, when asked, its block of docs/performance.md (between
that bench's START/END markers). The runners call it when they are done; it can be run again on kept results.

  python3 bench/report.py coldstart --csv bench/out/coldstart-runs.csv [--pair KEY=BASELINE ...] [--doc ...]
  python3 bench/report.py load bench/out/load-<timestamp>
  python3 bench/report.py load-128m bench/out/load128-<timestamp> [--docs docs/performance.md --img docs/img]
  python3 bench/report.py queue bench/out/queue-<stamp>/results.txt [--doc docs/performance.md]
  python3 bench/report.py jmh --json bench/out/jmh.json [--check ...] [--svg ...] [--doc docs/performance.md]

`python3 bench/report.py BENCH --help` lists a bench's options. One module per bench in bench/reports/; what they
share (key=value files, quantiles, SVG bar charts, the docs block) is in bench/reports/common.py.
"""
import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in bench/ by a report run

from reports import coldstart, jmh, load, load128, queue  # noqa: E402  (bench/reports/, next to this script)

BENCHES = {"coldstart": coldstart, "load": load, "load-128m": load128, "queue": queue, "jmh": jmh}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    benches = ap.add_subparsers(dest="bench", required=True, metavar="BENCH", help=", ".join(BENCHES))
    for name, module in BENCHES.items():
        module.add_arguments(benches.add_parser(name, description=module.__doc__,
                                                formatter_class=argparse.RawDescriptionHelpFormatter))
    a = ap.parse_args()
    sys.exit(BENCHES[a.bench].run(a))


if __name__ == "__main__":
    main()
