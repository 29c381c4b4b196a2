#!/usr/bin/env bash
# Start-up PROFILE of the relay next to the bare baseline (not a test, no code change): where the time
# and the memory go. Run bench/coldstart.sh first (it builds both jars and trains the archives).
#
#   bench/profile/startup-profile.sh [runs]     # default 3 runs per mode; writes bench/out/profile/*.md
#
# 1. classes loaded per library and per start-up phase (-Xlog:class+load, child SIGKILLed at the first 200)
# 2. Quarkus' own per-step start-up times (-Dquarkus.debug.print-startup-times=true), relay vs baseline
# 3. RSS after the first 200 under JVM memory flags (heap, stacks, code cache, metaspace, malloc arenas)
# 4. with PROFILE_VARIANTS=1: the relay rebuilt in a temporary copy with Micrometer's binders off, and
#    with Micrometer off (Quarkus build properties on the command line; the work tree is not touched)
# All through bench/prober (one prober JVM, loopback only, every start gives up after 60 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
RUNS=${1:-3}
PORT=${BENCH_PORT:-18090}
J17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
J25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
OUT=$ROOT/bench/out
P=$OUT/profile
RELAY=$ROOT/target/quarkus-app
BASE=$ROOT/bench/baseline/target/quarkus-app
for f in "$RELAY/quarkus-run.jar" "$BASE/quarkus-run.jar" "$OUT/relay-25.aot" "$OUT/base-25.aot" "$OUT/prober/Prober.class"; do
  [ -f "$f" ] || { echo "missing $f: run bench/coldstart.sh first" >&2; exit 1; }
done
rm -rf "$P"; mkdir -p "$P/logs"
PROBER=("$J17" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx64m -cp "$OUT/prober" Prober)
C1=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
mode() { local IFS=$'\t'; echo "$*"; }
measure() { # modes-file runs csv [prober options]
  local modes=$1 runs=$2 csv=$3; shift 3
  "${PROBER[@]}" measure --modes "$modes" --runs "$runs" --warmup 0 --port "$PORT" --csv "$csv" --logs "$P/logs" "$@" \
    >"${csv%.csv}.txt"
}

echo "== 1. class loading (1 run per mode)"
{
  mode cl-relay-17 "Relay, JVM 17" "$RELAY" "$J17" "-Xlog:class+load:file=$P/cl-relay-17.txt:uptime" -jar quarkus-run.jar
  mode cl-base-17 "Baseline, JVM 17" "$BASE" "$J17" "-Xlog:class+load:file=$P/cl-base-17.txt:uptime" -jar quarkus-run.jar
  mode cl-relay-25 "Relay, JVM 25 AOT C1" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" "${C1[@]}" "-Xlog:class+load:file=$P/cl-relay-25.txt:uptime" -jar quarkus-run.jar
  mode cl-base-25 "Baseline, JVM 25 AOT C1" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" "-Xlog:class+load:file=$P/cl-base-25.txt:uptime" -jar quarkus-run.jar
} >"$P/modes-classes.tsv"
measure "$P/modes-classes.tsv" 1 "$P/classes.csv" --sigkill
python3 bench/profile/classes.py "$P/cl-relay-17.txt" "$P/cl-base-17.txt" >"$P/classes-17.md"
python3 bench/profile/classes.py "$P/cl-relay-25.txt" "$P/cl-base-25.txt" >"$P/classes-25.md"

echo "== 2. Quarkus start-up steps ($RUNS runs per mode)"
{
  mode st-relay-17 "Relay, JVM 17" "$RELAY" "$J17" -Dquarkus.debug.print-startup-times=true -jar quarkus-run.jar
  mode st-base-17 "Baseline, JVM 17" "$BASE" "$J17" -Dquarkus.debug.print-startup-times=true -jar quarkus-run.jar
  mode st-relay-25 "Relay, JVM 25 AOT C1" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" "${C1[@]}" -Dquarkus.debug.print-startup-times=true -jar quarkus-run.jar
  mode st-base-25 "Baseline, JVM 25 AOT C1" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" -Dquarkus.debug.print-startup-times=true -jar quarkus-run.jar
} >"$P/modes-steps.tsv"
measure "$P/modes-steps.tsv" "$RUNS" "$P/steps.csv" --sigkill
python3 bench/profile/startup_steps.py "$P/logs/st-relay-17-[0-9]*.log" "$P/logs/st-base-17-[0-9]*.log" 15 >"$P/steps-17.md"
python3 bench/profile/startup_steps.py "$P/logs/st-relay-25-[0-9]*.log" "$P/logs/st-base-25-[0-9]*.log" 15 >"$P/steps-25.md"

echo "== 3. RSS under JVM flags ($RUNS runs per mode)"
A=(-XX:AOTCache="$OUT/relay-25.aot")
{
  mode f-25 "JVM 25 (G1, C2, default heap)" "$RELAY" "$J25" -jar quarkus-run.jar
  mode f-25-maxram "JVM 25 -XX:MaxRAM=128m" "$RELAY" "$J25" -XX:MaxRAM=128m -jar quarkus-run.jar
  mode f-25-serial "JVM 25 -XX:+UseSerialGC" "$RELAY" "$J25" -XX:+UseSerialGC -jar quarkus-run.jar
  mode f-25-c1 "JVM 25 -XX:TieredStopAtLevel=1" "$RELAY" "$J25" -XX:TieredStopAtLevel=1 -jar quarkus-run.jar
  mode f-25-xmx "JVM 25 -Xmx64m" "$RELAY" "$J25" -Xmx64m -jar quarkus-run.jar
  mode f-aot "AOT, Serial, C1 (as shipped)" "$RELAY" "$J25" "${A[@]}" "${C1[@]}" -jar quarkus-run.jar
  mode f-aot-xmx "AOT, Serial, C1, -Xmx64m" "$RELAY" "$J25" "${A[@]}" "${C1[@]}" -Xmx64m -jar quarkus-run.jar
  mode f-aot-xmn "AOT, Serial, C1, -Xmx64m -Xmn8m" "$RELAY" "$J25" "${A[@]}" "${C1[@]}" -Xmx64m -Xmn8m -jar quarkus-run.jar
  mode f-aot-xms "AOT, Serial, C1, -Xmx64m -Xms16m" "$RELAY" "$J25" "${A[@]}" "${C1[@]}" -Xmx64m -Xms16m -jar quarkus-run.jar
  mode f-aot-maxram "AOT, C1, -XX:MaxRAM=128m" "$RELAY" "$J25" "${A[@]}" -XX:TieredStopAtLevel=1 -XX:MaxRAM=128m -jar quarkus-run.jar
  mode f-aot-small "AOT, Serial, C1, -Xmx64m -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:CICompilerCount=1" \
    "$RELAY" "$J25" "${A[@]}" "${C1[@]}" -Xmx64m -Xss256k -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:CICompilerCount=1 -jar quarkus-run.jar
  mode f-aot-arena "AOT, Serial, C1, -Xmx64m, MALLOC_ARENA_MAX=2" "$RELAY" MALLOC_ARENA_MAX=2 "$J25" "${A[@]}" "${C1[@]}" -Xmx64m -jar quarkus-run.jar
  mode f-base-aot "Baseline: AOT, Serial, C1" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" -jar quarkus-run.jar
  mode f-base-aot-xmn "Baseline: AOT, Serial, C1, -Xmx64m -Xmn8m" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" -Xmx64m -Xmn8m -jar quarkus-run.jar
} >"$P/modes-flags.tsv"
measure "$P/modes-flags.tsv" "$RUNS" "$P/flags.csv"
python3 bench/report.py coldstart --csv "$P/flags.csv" --table "$P/flags.md" >/dev/null

if [ "${PROFILE_VARIANTS:-0}" = 1 ]; then
  echo "== 4. Micrometer variants (temporary copy of the sources, $RUNS runs per mode)"
  V=$(mktemp -d /tmp/relay-variant.XXXXXX)
  cp -r src pom.xml mvnw .mvn "$V"/
  variant() { # name build-properties...
    local name=$1; shift
    (cd "$V" && ./mvnw -B -q package -DskipTests "$@" >"$P/build-$name.log" 2>&1 && cp -r target/quarkus-app "$V/app-$name")
    "${PROBER[@]}" train --port "$PORT" --dir "$V/app-$name" --log "$P/logs/train-$name.log" --requests 50 \
      -- "$J25" -XX:AOTCacheOutput="$V/$name.aot" -jar quarkus-run.jar
  }
  variant no-binders -Dquarkus.micrometer.binder.jvm=false -Dquarkus.micrometer.binder.system=false \
    -Dquarkus.micrometer.binder.netty.enabled=false -Dquarkus.micrometer.binder.vertx.enabled=false
  variant no-micrometer -Dquarkus.micrometer.enabled=false
  {
    mode v17-relay "JVM 17: relay as built" "$RELAY" "$J17" -jar quarkus-run.jar
    mode v17-nobind "JVM 17: relay, Micrometer JVM/system/netty/vertx binders off" "$V/app-no-binders" "$J17" -jar quarkus-run.jar
    mode v17-nomm "JVM 17: relay, Micrometer off" "$V/app-no-micrometer" "$J17" -jar quarkus-run.jar
    mode v17-base "JVM 17: baseline" "$BASE" "$J17" -jar quarkus-run.jar
    mode v25-relay "JVM 25 AOT C1: relay as built" "$RELAY" "$J25" -XX:AOTCache="$OUT/relay-25.aot" "${C1[@]}" -jar quarkus-run.jar
    mode v25-nobind "JVM 25 AOT C1: relay, binders off" "$V/app-no-binders" "$J25" -XX:AOTCache="$V/no-binders.aot" "${C1[@]}" -jar quarkus-run.jar
    mode v25-nomm "JVM 25 AOT C1: relay, Micrometer off" "$V/app-no-micrometer" "$J25" -XX:AOTCache="$V/no-micrometer.aot" "${C1[@]}" -jar quarkus-run.jar
    mode v25-base "JVM 25 AOT C1: baseline" "$BASE" "$J25" -XX:AOTCache="$OUT/base-25.aot" "${C1[@]}" -jar quarkus-run.jar
  } >"$P/modes-variants.tsv"
  measure "$P/modes-variants.tsv" "$RUNS" "$P/variants.csv"
  python3 bench/report.py coldstart --csv "$P/variants.csv" --table "$P/variants.md" \
    --pair v17-relay=v17-base --pair v17-nobind=v17-base --pair v17-nomm=v17-base \
    --pair v25-relay=v25-base --pair v25-nobind=v25-base --pair v25-nomm=v25-base >/dev/null
  rm -rf "$V"
fi
echo "== wrote $P/*.md (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
