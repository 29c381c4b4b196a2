#!/usr/bin/env bash
# JMH: per source, parse → route → build the Metrica request, in events/s (one thread = one core) and bytes
# allocated per event. Builds the relay and the harness, checks every pipeline once, runs JMH with bounded
# settings (about 3 minutes for the 11 sources), writes bench/out/jmh.json and rewrites the JMH block of
# docs/performance.md and docs/img/jmh-throughput.svg. What is measured: docs/performance.md#throughput-per-source-jmh.
#
#   bench/jmh/run.sh                       # every source
#   JMH_SOURCES=generic,amocrm bench/jmh/run.sh
#   JMH_SKIP_BUILD=1 bench/jmh/run.sh      # reuse bench/jmh/target/benchmarks.jar
#   bench/jmh/run.sh -i 10 -r 5s           # extra JMH options go last; -f -wi -w -i -r -t replace the defaults
# JMH_NO_DOC=1 leaves docs/ alone (table and chart go to bench/out/ only).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/bench/out"
JAR="$ROOT/bench/jmh/target/benchmarks.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
mkdir -p "$OUT"

if [[ "${JMH_SKIP_BUILD:-0}" != 1 ]]; then
  echo "== building the relay and installing it into the local Maven repository (the harness depends on it)"
  ./mvnw -B -q install -DskipTests -DskipLambdaTests=true
  echo "== building bench/jmh/target/benchmarks.jar"
  ./mvnw -B -q -f bench/jmh/pom.xml package
fi

echo "== one webhook per source through the pipeline (bench.jmh.Check)"
"$JAVA" -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$JAR" bench.jmh.Check | tee "$OUT/jmh-check.txt"

params=()
if [[ -n "${JMH_SOURCES:-}" ]]; then
  params=(-p "source=$JMH_SOURCES")
fi
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "== JMH (load average before: $load_before)"
# -f 1: one fork; -wi/-w: 3 x 2 s warm-up; -i/-r: 5 x 2 s measured; -t 1: one thread, so the score is per core.
# JMH takes each of these options once: one given on the command line replaces its default here.
settings=()
for default in "-f 1" "-wi 3" "-w 2s" "-i 5" "-r 2s" "-t 1"; do
  read -r option value <<<"$default"
  [[ " $* " == *" $option "* ]] || settings+=("$option" "$value")
done
"$JAVA" -jar "$JAR" "${settings[@]}" -prof gc "${params[@]}" -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.txt"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

jdk="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
header="Measured $(date +%F) on $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB, $(uname -m); \
load average $load_before before, $load_after after; bench/jmh/run.sh."
report=(--doc docs/performance.md --svg docs/img/jmh-throughput.svg)
if [[ "${JMH_NO_DOC:-0}" == 1 ]]; then
  report=(--svg "$OUT/jmh-throughput.svg")
fi
python3 bench/report.py jmh --json "$OUT/jmh.json" --check "$OUT/jmh-check.txt" --table "$OUT/jmh-table.md" \
  --header "$header" "${report[@]}"
