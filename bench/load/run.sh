#!/usr/bin/env bash
# Load and soak benchmark (not a test, not for CI): N concurrent senders post webhooks to the relay,
# which uploads them to a deliberately SLOW Metrica stand-in. Checks that the bulkhead queue stays
# bounded, health stays live, threads and memory do not grow. See docs/reliability.md ("Load and soak").
#
#   bench/load/run.sh [duration, default 10m] [concurrency, default 200]
#
# Duration: 90s, 10m, 1h or plain seconds. Everything binds 127.0.0.1; every process this script
# starts is ended on exit. Raw samples and logs go to bench/out/load-<timestamp>*.
#
# Knobs (env): LOAD_DELAY_MS=300-800 (stand-in delay, uniform; "500" for fixed), LOAD_HEAP=256m
# (relay -Xmx), LOAD_THINK_MS=0 (pause between a sender's requests), LOAD_WRK_THREADS=2,
# LOAD_SAMPLE_S=10, LOAD_DEADLINE (relay.deadline, default the relay's 4s), LOAD_RELAY_OPTS (extra
# JVM/-D options for the relay), LOAD_KEEP_LOG=1 (keep the full relay log even when it is large),
# LOAD_RELAY_PORT / LOAD_STANDIN_PORT (default: free ports). Thresholds: see python3 bench/report.py load --help.
#
# Needs: JDK 17 (java, jcmd), curl, python3, wrk (installed with apt-get when missing and root).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

DURATION=${1:-10m}
CONCURRENCY=${2:-200}
DELAY=${LOAD_DELAY_MS:-300-800}
HEAP=${LOAD_HEAP:-256m}
THINK_MS=${LOAD_THINK_MS:-0}
WRK_THREADS=${LOAD_WRK_THREADS:-2}
SAMPLE_S=${LOAD_SAMPLE_S:-10}
SECRET=bench-secret
COUNTER=91234567
WIREMOCK_VERSION=3.13.2

to_seconds() {
  case "$1" in
    *h) echo $(( ${1%h} * 3600 )) ;;
    *m) echo $(( ${1%m} * 60 )) ;;
    *s) echo "${1%s}" ;;
    *) echo "$1" ;;
  esac
}
DURATION_S=$(to_seconds "$DURATION")
[[ "$DURATION_S" =~ ^[0-9]+$ && "$DURATION_S" -gt 0 ]] || { echo "bad duration: $DURATION" >&2; exit 2; }
[[ "$CONCURRENCY" =~ ^[0-9]+$ && "$CONCURRENCY" -ge "$WRK_THREADS" ]] || { echo "bad concurrency: $CONCURRENCY" >&2; exit 2; }
if [[ "$DELAY" == *-* ]]; then DELAY_LO=${DELAY%-*}; DELAY_HI=${DELAY#*-}; else DELAY_LO=$DELAY; DELAY_HI=$DELAY; fi

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JCMD=$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd
[ -x "$JCMD" ] || JCMD=""
for tool in "$JAVA" curl python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing wrk (apt-get)"
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  fi
  command -v wrk >/dev/null || { echo "missing: wrk (Debian/Ubuntu: apt-get install wrk)" >&2; exit 2; }
fi

OUT=bench/out
mkdir -p "$OUT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
P=$OUT/load-$STAMP
STATE=$P-state.txt
: >"$STATE"
note() { echo "$1=$2" >>"$STATE"; }

RELAY_PID="" STANDIN_PID="" SAMPLER_PID="" WRK_PID=""
cleanup() {
  local pid
  for pid in "$WRK_PID" "$SAMPLER_PID" "$RELAY_PID" "$STANDIN_PID"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  done
  for pid in "$WRK_PID" "$SAMPLER_PID" "$RELAY_PID" "$STANDIN_PID"; do
    [ -n "$pid" ] && wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
RELAY_PORT=${LOAD_RELAY_PORT:-$(free_port)}
STANDIN_PORT=${LOAD_STANDIN_PORT:-$(free_port)}
RELAY=http://127.0.0.1:$RELAY_PORT
STANDIN=http://127.0.0.1:$STANDIN_PORT

# ---- build (only when the jar is missing or older than the sources) ----
JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -type f 2>/dev/null | head -1)" ]; then
  echo "== building the relay (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests >"$P-build.log" 2>&1 || { tail -30 "$P-build.log" >&2; exit 1; }
fi

# ---- the Metrica stand-in: WireMock standalone, slow, answering Management-API success ----
M2=${MAVEN_REPO:-$HOME/.m2/repository}
WIREMOCK=$M2/org/wiremock/wiremock-standalone/$WIREMOCK_VERSION/wiremock-standalone-$WIREMOCK_VERSION.jar
if [ ! -f "$WIREMOCK" ]; then
  echo "== fetching wiremock-standalone $WIREMOCK_VERSION (./mvnw dependency:copy)"
  ./mvnw -B -q dependency:copy -Dartifact=org.wiremock:wiremock-standalone:$WIREMOCK_VERSION \
    -DoutputDirectory="$OUT/lib" >"$P-fetch.log" 2>&1 || { tail -30 "$P-fetch.log" >&2; exit 1; }
  WIREMOCK=$OUT/lib/wiremock-standalone-$WIREMOCK_VERSION.jar
fi
STANDIN_DIR=$P-standin
mkdir -p "$STANDIN_DIR/mappings"
cat >"$STANDIN_DIR/mappings/upload.json" <<EOF
{
  "request": { "method": "POST", "urlPathPattern": "/management/v1/counter/[0-9]+/offline_conversions/upload" },
  "response": {
    "status": 200,
    "headers": { "Content-Type": "application/json" },
    "jsonBody": { "uploading": { "id": 1 } },
    "delayDistribution": { "type": "uniform", "lower": $DELAY_LO, "upper": $DELAY_HI }
  }
}
EOF
# 64 container threads: far more than the relay may use (3), so a leak past the bulkhead would show
# in the journal instead of being hidden by the stand-in queueing requests itself.
"$JAVA" -Xmx256m -jar "$WIREMOCK" --port "$STANDIN_PORT" --bind-address 127.0.0.1 --root-dir "$STANDIN_DIR" \
  --disable-banner --container-threads 64 --max-request-journal-entries 200000 >"$P-standin.log" 2>&1 &
STANDIN_PID=$!

wait_for() { # url seconds pid
  local deadline=$((SECONDS + $2))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null)" = 200 ]; do
    kill -0 "$3" 2>/dev/null || { echo "process $3 died; see its log in $OUT" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "$1 not up within $2 s" >&2; return 1; }
    sleep 0.2
  done
}
wait_for "$STANDIN/__admin/mappings" 60 "$STANDIN_PID"

# ---- the relay, bounded heap, sending to the stand-in ----
# shellcheck disable=SC2086
(cd target/quarkus-app && exec env METRICA_TOKEN=bench-token METRICA_COUNTER_ID=$COUNTER RELAY_SECRET=$SECRET \
  METRICA_API_URL="$STANDIN" PORT="$RELAY_PORT" QUARKUS_HTTP_HOST=127.0.0.1 \
  "$JAVA" -Xmx"$HEAP" -XX:+ExitOnOutOfMemoryError ${LOAD_DEADLINE:+-Drelay.deadline=$LOAD_DEADLINE} \
  ${LOAD_RELAY_OPTS:-} -jar quarkus-run.jar) >"$P-relay.log" 2>&1 &
RELAY_PID=$!
wait_for "$RELAY/q/health/ready" 60 "$RELAY_PID"

BODY='{"output":"CONVERSION","client_id":"1674202831464027743","goals":"form_sent","updated_at":1748600000}'
echo "== warm-up: 3 webhooks through the stand-in"
for _ in 1 2 3; do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST "$RELAY/hooks/generic" \
    -H "X-Relay-Secret: $SECRET" -H 'Content-Type: application/json' -d "$BODY")
  [ "$code" = 200 ] || { echo "warm-up webhook answered $code, expected 200; see $P-relay.log" >&2; exit 1; }
done

metric_sum() { # file name [label-substring]
  awk -v n="$2" -v f="${3:-}" '$0 !~ /^#/ { split($1, a, "{"); if (a[1] == n && index($1, f)) { s += $NF; hit = 1 } }
    END { if (hit) printf "%.1f", s; else print "" }' "$1"
}
# heap after a full GC (System.gc via jcmd), threads and RSS: the "before" and "after" of the run
snapshot() { # tag
  [ -n "$JCMD" ] && "$JCMD" "$RELAY_PID" GC.run >/dev/null 2>&1 && sleep 1
  curl -s --max-time 10 "$RELAY/q/metrics" >"$P-$1.prom"
  local heap
  heap=$(metric_sum "$P-$1.prom" jvm_memory_used_bytes 'area="heap"')
  if [ -n "$JCMD" ] && [ -n "$heap" ]; then note "heap_after_gc_$1_mb" "$(awk -v b="$heap" 'BEGIN { printf "%.1f", b / 1048576 }')"; fi
  note "threads_$1" "$(metric_sum "$P-$1.prom" jvm_threads_live_threads | cut -d. -f1)"
  note "rss_$1_mb" "$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$RELAY_PID/status")"
}
snapshot start
note warmup_uploads "$(curl -s "$STANDIN/__admin/requests" | python3 -c 'import json,sys; print(json.load(sys.stdin)["meta"]["total"])')"

note date "$(date -u +%Y-%m-%d)"
note machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -m), $("$JAVA" -version 2>&1 | head -1)"
note duration "$DURATION"
note duration_s "$DURATION_S"
note concurrency "$CONCURRENCY"
note wrk_threads "$WRK_THREADS"
note delay "$DELAY"
note heap "$HEAP"
note deadline "${LOAD_DEADLINE:-4s}"
note sample_s "$SAMPLE_S"

python3 bench/load/sample.py "$RELAY" "$RELAY_PID" "$P.csv" "$P-bulkhead.csv" "$SAMPLE_S" 1 &
SAMPLER_PID=$!

echo "== load: $CONCURRENCY senders for $DURATION (stand-in delay $DELAY ms); samples in $P.csv"
STATUS_OUT=$P-wrk.txt RELAY_SECRET=$SECRET THINK_MS=$THINK_MS \
  timeout --signal=INT $((DURATION_S + 60)) wrk -t"$WRK_THREADS" -c"$CONCURRENCY" -d"${DURATION_S}s" --timeout 15s \
  --latency -s bench/load/post.lua "$RELAY/hooks/generic" >"$P-wrk.out" 2>&1 &
WRK_PID=$!
wait "$WRK_PID" || true
WRK_PID=""
kill "$SAMPLER_PID" 2>/dev/null; wait "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
cat "$P-wrk.out"

# ---- drain: what is still queued behind the bulkhead finishes (or times out) ----
drain_start=$SECONDS
while [ $((SECONDS - drain_start)) -lt 60 ]; do
  curl -s --max-time 5 "$RELAY/q/metrics" >"$P-drain.prom" || true
  busy=$(awk '/^ft_bulkhead_executions(Running|Waiting)/ { s += $NF } END { print s + 0 }' "$P-drain.prom")
  [ "$busy" = 0 ] && break
  sleep 1
done
note drain_s $((SECONDS - drain_start))
sleep 1
snapshot end
curl -s --max-time 30 "$STANDIN/__admin/requests" >"$P-standin.json"

# ---- the relay's log: blocked-thread warnings, failed-event lines, anything else unusual ----
LOG=$P-relay.log
note log_mb "$(du -m "$LOG" | cut -f1)"
note log_blocked "$(grep -ciE 'blocked' "$LOG" || true)"
note log_failed "$(grep -c 'metrica_failed' "$LOG" || true)"
OTHER=$(grep -E ' (WARN|ERROR) ' "$LOG" | grep -v 'metrica_failed' || true)
note log_other_warn "$(printf '%s' "$OTHER" | grep -c . || true)"
if [ -n "$OTHER" ]; then
  echo "== other WARN/ERROR lines in the relay log (distinct, first 10):"
  printf '%s\n' "$OTHER" | cut -d' ' -f3- | cut -c1-220 | sort | uniq -c | sort -rn | head -10
fi
if [ "$(du -m "$LOG" | cut -f1)" -gt 50 ] && [ -z "${LOAD_KEEP_LOG:-}" ]; then
  # one access line and one failed-event line per rejected webhook: keep everything else and a sample
  { grep -vE 'ru\.metricarelay\.access|metrica_failed' "$LOG" || true; grep -m 20 'metrica_failed' "$LOG" || true; } >"$P-relay.filtered.log"
  rm -f "$LOG"
  echo "== relay log was large: kept $P-relay.filtered.log (LOAD_KEEP_LOG=1 keeps it whole)"
fi

cleanup
RELAY_PID="" STANDIN_PID=""
python3 bench/report.py load "$P" | tee "$P-summary.txt"
exit "${PIPESTATUS[0]}"
