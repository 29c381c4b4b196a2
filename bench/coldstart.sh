#!/usr/bin/env bash
# Cold-start benchmark (not a test): time from exec to the first HTTP 200 answer to a real webhook,
# and RSS right after it, for the relay in several JVM modes, for a bare Quarkus REST baseline and for a
# "stack baseline" (the same bare app with the relay's Quarkus extensions but none of its code): relay ÷ stack
# is what the relay's own code costs, stack ÷ baseline what the chosen extensions cost.
#
#   bench/coldstart.sh [runs]          # default 5 runs per mode (use >= 5 for p25-p75)
#
# One entry point: builds the relay jar (JDK 17) and the baseline jars (bench/baseline, plain and -Pstack), trains an
# AppCDS archive (JDK 17) and AOT caches (JDK 25) on served webhooks, then lets ONE long-lived prober
# JVM (bench/prober/Prober.java) start every mode in turn, round-robin (run 1 of every mode, then run 2
# ...), and finally writes bench/out/coldstart-*.{csv,json,md}, docs/img/coldstart-{time,rss}.svg and
# the table in docs/performance.md (between the BENCH markers).
#
# Why a prober JVM and not curl in a loop: on 2 cores a new curl process every few ms steals the CPU
# the starting JVM needs; the prober polls with plain sockets from one warm, mostly sleeping process.
#
# Needs: JDK 17 (java/javac on PATH, or JAVA17_HOME), Temurin 25 (JAVA25_HOME, default
# /usr/lib/jvm/temurin-25-jdk-amd64), python3 (standard library only). Optional: JAVA21_HOME (Lambda's
# runtime) for a JDK 21 AppCDS row; target/*-runner (from -Pnative) for a native row.
# Env: BENCH_PORT (default 18090), BENCH_SKIP_BUILD=1 (reuse the jars; archives are always retrained),
# BENCH_WARMUP (unrecorded warm-up rounds, default 1). Everything listens on 127.0.0.1 only; every
# start gives up after 60 s.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${1:-5}
PORT=${BENCH_PORT:-18090}
WARMUP=${BENCH_WARMUP:-1}
J17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
JAVAC17=${JAVA17_HOME:+$JAVA17_HOME/bin/}javac
J25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
J25=$J25_HOME/bin/java
J21=${JAVA21_HOME:+$JAVA21_HOME/bin/java}
OUT=$ROOT/bench/out
RELAY=$ROOT/target/quarkus-app
BASE=$ROOT/bench/baseline/target/quarkus-app
STACK=$ROOT/bench/baseline/target-stack/quarkus-app
mkdir -p "$OUT/logs" "$ROOT/docs/img"

"$J17" -version 2>&1 | grep -q '"17' || { echo "JDK 17 expected as $J17 (set JAVA17_HOME)" >&2; exit 1; }
[ -x "$J25" ] || { echo "no JDK 25 at $J25 (set JAVA25_HOME)" >&2; exit 1; }

echo "== compiling the prober"
rm -rf "$OUT/prober"
"$JAVAC17" -d "$OUT/prober" bench/prober/Prober.java
# the prober's own JVM: small, one GC thread, C1 only; it stays up (and warm) for the whole run
PROBER=("$J17" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -cp "$OUT/prober" Prober)

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "== building the relay jar (JDK 17) and the baseline jars"
  M17=()
  [ -n "${JAVA17_HOME:-}" ] && M17=(env JAVA_HOME="$JAVA17_HOME")
  "${M17[@]}" ./mvnw -B -q package -DskipTests >"$OUT/build-relay.log" 2>&1 \
    || { tail -30 "$OUT/build-relay.log"; exit 1; }
  "${M17[@]}" ./mvnw -B -q -f bench/baseline/pom.xml package -DskipTests >"$OUT/build-baseline.log" 2>&1 \
    || { tail -30 "$OUT/build-baseline.log"; exit 1; }
  "${M17[@]}" ./mvnw -B -q -f bench/baseline/pom.xml -Pstack package -DskipTests >"$OUT/build-stack.log" 2>&1 \
    || { tail -30 "$OUT/build-stack.log"; exit 1; }
fi
[ -f "$RELAY/quarkus-run.jar" ] && [ -f "$BASE/quarkus-run.jar" ] && [ -f "$STACK/quarkus-run.jar" ] || { echo "jars missing; run without BENCH_SKIP_BUILD" >&2; exit 1; }

# train NAME DIR ARCHIVE JAVA FLAG: start the app with FLAG=ARCHIVE, serve 1 + 50 webhooks, SIGTERM;
# the JVM writes the archive as it exits (both -XX:ArchiveClassesAtExit and -XX:AOTCacheOutput).
train() {
  local name=$1 dir=$2 archive=$3 java=$4 flag=$5
  rm -f "$archive"
  "${PROBER[@]}" train --port "$PORT" --dir "$dir" --log "$OUT/logs/train-$name.log" --requests 50 \
    -- "$java" "$flag=$archive" -jar quarkus-run.jar
  [ -s "$archive" ] || { echo "$archive was not written, see $OUT/logs/train-$name.log" >&2; exit 1; }
  echo "   $name: $(du -m "$archive" | cut -f1) MB"
}
echo "== training AppCDS archives and AOT caches on served webhooks"
train relay-17 "$RELAY" "$OUT/relay-17.jsa" "$J17" -XX:ArchiveClassesAtExit
[ -n "$J21" ] && train relay-21 "$RELAY" "$OUT/relay-21.jsa" "$J21" -XX:ArchiveClassesAtExit
train relay-25 "$RELAY" "$OUT/relay-25.aot" "$J25" -XX:AOTCacheOutput
train base-25 "$BASE" "$OUT/base-25.aot" "$J25" -XX:AOTCacheOutput
train stack-25 "$STACK" "$OUT/stack-25.aot" "$J25" -XX:AOTCacheOutput

# Modes: key, label, working dir, command (tab-separated; the prober adds host and port).
C1=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
read -r -a IMAGE <<<"$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' infra/docker/Dockerfile | tail -1) -XX:MaxRAM=128m"
[ "${#IMAGE[@]}" -gt 1 ] || { echo "no JAVA_TOOL_OPTIONS found in infra/docker/Dockerfile" >&2; exit 1; }
MODES=$OUT/modes.tsv
mode() { local IFS=$'\t'; echo "$*"; }
{
  mode relay-17 "Relay, JVM 17" "$RELAY" "$J17" -jar quarkus-run.jar
  mode relay-17-cds "Relay, JVM 17 + AppCDS" "$RELAY" "$J17" -XX:SharedArchiveFile="$OUT/relay-17.jsa" -jar quarkus-run.jar
  [ -n "$J21" ] && mode relay-21-cds "Relay, JVM 21 + AppCDS" "$RELAY" "$J21" -XX:SharedArchiveFile="$OUT/relay-21.jsa" -jar quarkus-run.jar
  mode relay-25 "Relay, JVM 25" "$RELAY" "$J25" -jar quarkus-run.jar
  mode relay-25-aot "Relay, JVM 25 + AOT cache" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" -jar quarkus-run.jar
  # what infra/docker ships: C1 only (a webhook relay needs start-up, not peak throughput), Serial GC
  mode relay-25-aot-c1 "Relay, JVM 25 + AOT, Serial GC, C1" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" "${C1[@]}" -jar quarkus-run.jar
  # what the image runs in a 128 MiB container: the Dockerfile's JAVA_TOOL_OPTIONS, with -XX:MaxRAM standing in for
  # the container limit (there is no Docker engine here); the same for the baseline, so the RSS target has its yardstick
  mode relay-25-image "Relay, as the image runs it (128 MiB)" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" "${IMAGE[@]}" -jar quarkus-run.jar
  NATIVE=$(ls "$ROOT"/target/*-runner 2>/dev/null | head -1 || true)
  [ -n "$NATIVE" ] && mode relay-native "Relay, native" "$ROOT/target" "$NATIVE"
  mode base-17 "Baseline, JVM 17" "$BASE" "$J17" -jar quarkus-run.jar
  mode base-25-aot-c1 "Baseline, JVM 25 + AOT, Serial GC, C1" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" -jar quarkus-run.jar
  mode base-25-image "Baseline, the image's flags (128 MiB)" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${IMAGE[@]}" -jar quarkus-run.jar
  mode stack-17 "Stack baseline, JVM 17" "$STACK" "$J17" -jar quarkus-run.jar
  mode stack-25-aot-c1 "Stack baseline, JVM 25 + AOT, Serial GC, C1" "$STACK" "$J25" -XX:AOTCache="$OUT/stack-25.aot" "${C1[@]}" -jar quarkus-run.jar
} >"$MODES"

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== measuring: $RUNS runs per mode, round-robin, after $WARMUP unrecorded warm-up round(s); load average $LOAD_BEFORE"
"${PROBER[@]}" measure --modes "$MODES" --runs "$RUNS" --warmup "$WARMUP" --port "$PORT" --timeout 60 \
  --csv "$OUT/coldstart-runs.csv" --logs "$OUT/logs" | tee "$OUT/coldstart.txt"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

HEADER="Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); \
JDK $("$J17" -XX:+IgnoreUnrecognizedVMOptions -version 2>&1 | awk -F'"' '/version/ {print $2}') and \
$("$J25" -version 2>&1 | awk -F'"' '/version/ {print $2}'); $RUNS runs per mode, round-robin; \
load average $LOAD_BEFORE before, $LOAD_AFTER after; bench/coldstart.sh."
python3 bench/report.py coldstart --csv "$OUT/coldstart-runs.csv" --header "$HEADER" \
  --pair relay-17=base-17,stack-17 --pair relay-25-aot-c1=base-25-aot-c1,stack-25-aot-c1 \
  --pair relay-25-image=base-25-image --pair stack-17=base-17 --pair stack-25-aot-c1=base-25-aot-c1 \
  --json "$OUT/coldstart-summary.json" --table "$OUT/coldstart-table.md" \
  --svg-time docs/img/coldstart-time.svg --svg-rss docs/img/coldstart-rss.svg \
  --doc docs/performance.md
