#!/usr/bin/env bash
# 128 MiB load benchmark (not a test, not for CI): does the relay, with the JVM flags it ships with,
# take 200 webhooks/s in a 128 MiB container? See docs/performance.md ("128 MiB").
#
#   bench/load-128m/run.sh [duration_s, default 60] [rate, default 200]
#
# For each delivery mode (dry-run, then direct) it starts a fresh relay the way the Docker image does
# (JDK 25, AOT cache trained by infra/docker/train-aot.sh, JAVA_TOOL_OPTIONS taken from the runtime stage
# of infra/docker/Dockerfile) with -XX:MaxRAM=128m standing in for a 128 MiB container limit, samples its
# RSS from /proc every 0.2 s (one sampler process), sends 100 warm-up webhooks one by one, then RATE
# webhooks/s for LOAD128_WARMUP_S (default 5) + DURATION seconds from a constant-rate client
# (RateClient.java: latency counted from the time each request was due; the first LOAD128_WARMUP_S
# seconds are summarised apart), reads heap and metaspace after a full GC (jcmd) and stops it. Direct mode
# uploads to a stand-in on 127.0.0.1 that answers every upload 200 at once (StandIn.java).
#
# Then bench/report.py load-128m checks the targets (no OOM, RSS < 128 MiB throughout, p99 <= 20 ms, no errors), writes
# docs/img/load-128m-rss.svg and docs/img/load-128m-latency.svg and the table in docs/performance.md.
#
# Env: JAVA25_HOME (default /usr/lib/jvm/temurin-25-jdk-amd64; the relay), JAVA (JDK 17+ for the client
# and the stand-in, default java), LOAD128_FLAGS (JVM flags instead of the Dockerfile's JAVA_TOOL_OPTIONS),
# LOAD128_RELAY_ENV (more VAR=value words for the relay's environment, e.g. MALLOC_ARENA_MAX=2),
# LOAD128_MAXRAM (default 128m), LOAD128_AOT=0 (no AOT cache: to see what it costs), LOAD128_MODES
# (default "dry-run direct"), LOAD128_WARMUP_S (default 5), LOAD128_WORKERS (client connections, default
# 32), LOAD128_DOCS=0 (do not touch docs/: for trying flags), LOAD128_TAG (suffix of the output names).
# Everything binds 127.0.0.1; every process this script starts is ended on exit, by its pid.
# Outputs: bench/out/load128-<timestamp>-*.
set -euo pipefail
cd "$(dirname "$0")/../.."

DURATION_S=${1:-60}
RATE=${2:-200}
J25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA=${JAVA:-java}
MAXRAM=${LOAD128_MAXRAM:-128m}
MODES=${LOAD128_MODES:-dry-run direct}
WORKERS=${LOAD128_WORKERS:-32}
WARMUP_S=${LOAD128_WARMUP_S:-5}
SECRET=bench-128m-secret
COUNTER=91234567
HERE=bench/load-128m

for tool in "$J25/bin/java" "$J25/bin/jcmd"; do [ -x "$tool" ] || { echo "missing: $tool (set JAVA25_HOME)" >&2; exit 2; }; done
for tool in "$JAVA" curl python3; do command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }; done

OUT=bench/out
mkdir -p "$OUT"
P=$OUT/load128-$(date -u +%Y%m%dT%H%M%SZ)${LOAD128_TAG:+-$LOAD128_TAG}
STATE=$P-state.txt
: >"$STATE"
note() { echo "$1=$2" >>"$STATE"; }

RELAY_PID="" STANDIN_PID="" SAMPLER_PID="" CLIENT_PID=""
stop_pid() { [ -n "$1" ] && kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }
cleanup() {
  stop_pid "$CLIENT_PID"; stop_pid "$SAMPLER_PID"; stop_pid "$RELAY_PID"; stop_pid "$STANDIN_PID"
  CLIENT_PID="" SAMPLER_PID="" RELAY_PID="" STANDIN_PID=""
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url seconds pid
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null --max-time 2 "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died; see the logs $P-*" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "$1 not up within $2 s" >&2; return 1; }
    sleep 0.2
  done
}

# ---- the relay jar (JDK 17 build, as shipped) ----
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  echo "== building the relay (./mvnw -B -q package -DskipTests -DskipLambdaTests=true)"
  ./mvnw -B -q package -DskipTests -DskipLambdaTests=true >"$P-build.log" 2>&1 || { tail -30 "$P-build.log" >&2; exit 1; }
fi

# ---- the JVM flags the image ships with (the runtime stage's JAVA_TOOL_OPTIONS) ----
DOCKER_FLAGS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' infra/docker/Dockerfile | tail -1)
FLAGS=${LOAD128_FLAGS:-$DOCKER_FLAGS}
[ -n "$FLAGS" ] || { echo "no JAVA_TOOL_OPTIONS found in infra/docker/Dockerfile" >&2; exit 2; }
note flags "$FLAGS"
note relay_env "${LOAD128_RELAY_ENV:-}"
note maxram "$MAXRAM"
note date "$(date -u +%Y-%m-%d)"
note machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -m), $("$J25/bin/java" -version 2>&1 | head -1)"
note load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
note rate "$RATE"
note duration_s "$DURATION_S"
note workers "$WORKERS"
note warmup_s "$WARMUP_S"

# ---- the AOT cache, trained with the same flags as the image's build stage does ----
AOT_OPTS=()
if [ "${LOAD128_AOT:-1}" != 0 ]; then
  AOT=$P-relay.aot
  echo "== training the AOT cache (infra/docker/train-aot.sh, JDK 25, flags: $FLAGS)"
  JAVA_TOOL_OPTIONS="$FLAGS" JAVA="$J25/bin/java" APP_DIR=target/quarkus-app AOT_CACHE="$PWD/$AOT" \
    TRAIN_PORT=$(free_port) bash infra/docker/train-aot.sh >"$P-train.log" 2>&1 || { tail -30 "$P-train.log" >&2; exit 1; }
  # AOTMode=on: fail rather than silently run without the cache
  AOT_OPTS=(-XX:AOTCache="$AOT" -XX:AOTMode=on)
fi
note aot_cache "$([ ${#AOT_OPTS[@]} -gt 0 ] && echo yes || echo no)"

# ---- the Metrica stand-in: every upload 200 at once ----
STANDIN_PORT=$(free_port)
"$JAVA" -Xmx64m -Dsun.net.httpserver.nodelay=true "$HERE/StandIn.java" "$STANDIN_PORT" >"$P-standin.log" 2>&1 &
STANDIN_PID=$!
wait_for "http://127.0.0.1:$STANDIN_PORT/__counts" 60 "$STANDIN_PID"

uploads() { curl -fs --max-time 5 "http://127.0.0.1:$STANDIN_PORT/__counts" | awk '$1 == "POST" { s += $3 } END { print s + 0 }'; }

run_mode() { # dry-run | direct
  local mode=$1 port relay_env
  port=$(free_port)
  if [ "$mode" = direct ]; then
    relay_env=(METRICA_TOKEN=some-token METRICA_COUNTER_ID=$COUNTER METRICA_API_URL="http://127.0.0.1:$STANDIN_PORT")
  else
    relay_env=(RELAY_DRY_RUN=true)
  fi
  echo "== $mode: starting the relay (-XX:MaxRAM=$MAXRAM ${AOT_OPTS[*]})"
  local before
  before=$(uploads)
  # JAVA_TOOL_OPTIONS as in the image; -XX:MaxRAM stands in for the container limit
  env -u METRICA_TOKEN -u RELAY_CONFIG JAVA_TOOL_OPTIONS="$FLAGS" PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 \
    RELAY_SECRET=$SECRET ${LOAD128_RELAY_ENV:-} "${relay_env[@]}" \
    "$J25/bin/java" -XX:MaxRAM="$MAXRAM" "${AOT_OPTS[@]}" -jar "$JAR" >"$P-$mode-relay.log" 2>&1 &
  RELAY_PID=$!
  python3 "$HERE/rss.py" "$RELAY_PID" "$P-$mode-rss.csv" 0.2 &
  SAMPLER_PID=$!
  wait_for "http://127.0.0.1:$port/q/health/ready" 60 "$RELAY_PID"
  "$J25/bin/java" -XX:+PrintFlagsFinal -XX:MaxRAM="$MAXRAM" $FLAGS -version 2>/dev/null \
    | awk '$2 ~ /^(MaxHeapSize|InitialHeapSize|NewSize|MaxNewSize|MaxMetaspaceSize|ReservedCodeCacheSize|ActiveProcessorCount|MaxDirectMemorySize)$/ { print $2 "=" $4 }' \
    >"$P-$mode-flags.txt"

  echo "== $mode: 100 warm-up webhooks, then $RATE/s for $WARMUP_S s (warm-up) + $DURATION_S s"
  "$JAVA" -Xmx256m "$HERE/RateClient.java" "http://127.0.0.1:$port/hooks/generic" "$RATE" "$DURATION_S" "$WORKERS" \
    "$SECRET" "b128-$mode-$$" "$P-$mode" 100 "$WARMUP_S" >"$P-$mode-client.log" 2>&1 &
  CLIENT_PID=$!
  local client_rc=0
  wait "$CLIENT_PID" || client_rc=$?
  CLIENT_PID=""
  sleep 1
  stop_pid "$SAMPLER_PID"; SAMPLER_PID=""
  echo "client_rc=$client_rc" >>"$P-$mode-client.txt"

  # heap and metaspace after a full GC; RSS after it is on record too (jcmd attaches a thread)
  "$J25/bin/jcmd" "$RELAY_PID" GC.run >/dev/null 2>&1 || true
  "$J25/bin/jcmd" "$RELAY_PID" GC.heap_info >"$P-$mode-heap.txt" 2>&1 || true
  "$J25/bin/jcmd" "$RELAY_PID" VM.metaspace basic >>"$P-$mode-heap.txt" 2>&1 || true
  "$J25/bin/jcmd" "$RELAY_PID" Compiler.codecache >>"$P-$mode-heap.txt" 2>&1 || true
  # only with -XX:NativeMemoryTracking=summary among the flags (for finding where RSS goes)
  [[ "$FLAGS" == *NativeMemoryTracking* ]] && { "$J25/bin/jcmd" "$RELAY_PID" VM.native_memory summary >"$P-$mode-nmt.txt" 2>&1 || true; }
  awk '/^(VmRSS|RssAnon|RssFile|Threads):/ { print "after_gc_" $1 $2 }' "/proc/$RELAY_PID/status" | tr -d ':' >>"$P-$mode-heap.txt"
  echo "uploads_to_standin=$(( $(uploads) - before ))" >>"$P-$mode-client.txt"
  kill "$RELAY_PID" 2>/dev/null || true
  local rc=0
  wait "$RELAY_PID" || rc=$?
  RELAY_PID=""
  echo "relay_exit=$rc" >>"$P-$mode-client.txt"
  echo "log_oom=$(grep -cE 'java.lang.OutOfMemoryError|Terminating due to' "$P-$mode-relay.log" || true)" >>"$P-$mode-client.txt"
  echo "log_error=$(grep -cE ' ERROR ' "$P-$mode-relay.log" || true)" >>"$P-$mode-client.txt"
  echo "log_warn=$(grep -cE ' WARN ' "$P-$mode-relay.log" || true)" >>"$P-$mode-client.txt"
  grep -E '^(achieved_rate|errors|latency_p99_ms|latency_max_ms)=' "$P-$mode-client.txt" | tr '\n' ' '; echo
}

for mode in $MODES; do
  run_mode "$mode"
done
note load_after "$(cut -d' ' -f1-3 /proc/loadavg)"
cleanup

DOCS_ARGS=()
[ "${LOAD128_DOCS:-1}" = 0 ] || DOCS_ARGS=(--docs docs/performance.md --img docs/img)
python3 bench/report.py load-128m "$P" "${DOCS_ARGS[@]}" | tee "$P-summary.txt"
exit "${PIPESTATUS[0]}"
