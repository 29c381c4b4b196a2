#!/usr/bin/env bash
# Queued delivery benchmark (not a test, not for CI), see docs/performance.md ("Queued delivery"):
#   1. durable ingest in queued mode (SQLite, synchronous=FULL, group commit): wrk posts Tilda webhooks with
#      1, 10, 50 and 200 connections for SECONDS each; throughput, p50/p90/p99 and the CPU each process used;
#   2. Metrica requests per 100,000 events: 100,000 mixed webhooks queued and flushed (measured), against direct
#      mode (measured on 10,000 of the same mix, scaled), at a fast WireMock stand-in;
#   3. time to drain those 100,000 queued events (POST /queue/flush until nothing remains).
#
#   bench/queue/run.sh [SECONDS per curve point, default 20]
#
# Everything binds 127.0.0.1; every process started here is ended on exit. Output: bench/out/queue-<stamp>*,
# then bench/report.py queue writes the table and charts into docs/performance.md and docs/img/.
# Needs: JDK 17, curl, python3, wrk (installed with apt-get when missing and root). Run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_PER_POINT=${1:-20}
EVENTS=${QUEUE_BENCH_EVENTS:-100000}          # queued: measured on all of them
DIRECT_EVENTS=${QUEUE_BENCH_DIRECT:-10000}    # direct: measured on these, scaled to EVENTS
SECRET=bench-secret
COUNTER=91234567
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
OUT=bench/out
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
P=$OUT/queue-$STAMP
mkdir -p "$P"
RESULTS=$P/results.txt
: >"$RESULTS"
result() { echo "$1=$2" | tee -a "$RESULTS"; }

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1 || true
  command -v wrk >/dev/null || { echo "missing: wrk (apt-get install wrk)" >&2; exit 2; }
fi

RELAY_PID="" STANDIN_PID=""
stop_relay() {
  if [ -n "$RELAY_PID" ]; then kill "$RELAY_PID" 2>/dev/null || true; wait "$RELAY_PID" 2>/dev/null || true; RELAY_PID=""; fi
}
cleanup() {
  stop_relay
  if [ -n "$STANDIN_PID" ]; then kill "$STANDIN_PID" 2>/dev/null || true; wait "$STANDIN_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
up() { # url pid: wait (60 s at most) until the url answers 200
  local end=$((SECONDS + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1")" = 200 ]; do
    kill -0 "$2" 2>/dev/null && [ $SECONDS -lt $end ] || { echo "$1 did not come up" >&2; exit 1; }
    sleep 0.2
  done
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

JAR=target/quarkus-app/quarkus-run.jar
if [ ! -f "$JAR" ] || [ -n "$(find src/main pom.xml -newer "$JAR" -type f | head -1)" ]; then
  echo "== building the relay"
  ./mvnw -B -q package -DskipTests >"$P/build.log" 2>&1 || { tail -30 "$P/build.log" >&2; exit 1; }
fi

# ---- a fast Metrica stand-in (WireMock standalone): every upload accepted at once, requests counted ----
WIREMOCK=${MAVEN_REPO:-$HOME/.m2/repository}/org/wiremock/wiremock-standalone/3.13.2/wiremock-standalone-3.13.2.jar
[ -f "$WIREMOCK" ] || ./mvnw -B -q dependency:get -Dartifact=org.wiremock:wiremock-standalone:3.13.2 >/dev/null
mkdir -p "$P/standin/mappings"
cat >"$P/standin/mappings/uploads.json" <<'JSON'
{"mappings": [
  {"request": {"method": "POST", "urlPathPattern": "/cdp/api/v1/counter/[0-9]+/data/(contacts|orders)/json"},
   "response": {"status": 200, "headers": {"Content-Type": "application/json"},
                "jsonBody": {"uploading": {"uploading_id": "bench", "api_validation_status": "PASSED"}}}},
  {"request": {"method": "POST", "urlPathPattern": "/management/v1/counter/[0-9]+/offline_conversions/upload(_calls)?"},
   "response": {"status": 200, "headers": {"Content-Type": "application/json"}, "jsonBody": {"uploading": {"id": 1}}}}
]}
JSON
STANDIN_PORT=$(port)
STANDIN=http://127.0.0.1:$STANDIN_PORT
"$JAVA" -Xmx512m -jar "$WIREMOCK" --port "$STANDIN_PORT" --bind-address 127.0.0.1 --root-dir "$P/standin" \
  --disable-banner --no-request-journal >"$P/standin.log" 2>&1 &
STANDIN_PID=$!
up "$STANDIN/__admin/mappings" "$STANDIN_PID"

start_relay() { # delivery queue-file log
  local port
  port=$(port)
  RELAY=http://127.0.0.1:$port
  (cd target/quarkus-app && exec env METRICA_TOKEN=bench-token METRICA_COUNTER_ID=$COUNTER RELAY_SECRET=$SECRET \
    METRICA_API_URL="$STANDIN" QUARKUS_HTTP_PORT="$port" QUARKUS_HTTP_HOST=127.0.0.1 RELAY_DELIVERY="$1" \
    RELAY_QUEUE_PATH="$2" RELAY_FLUSH_INTERVAL=0 QUARKUS_LOG_CATEGORY__RU_METRICARELAY_ACCESS__LEVEL=WARN \
    "$JAVA" -Xmx512m -XX:+ExitOnOutOfMemoryError -jar quarkus-run.jar) >"$3" 2>&1 &
  RELAY_PID=$!
  up "$RELAY/q/health/ready" "$RELAY_PID"
}

result date "$(date -u +%Y-%m-%d)"
result machine "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -m), $("$JAVA" -version 2>&1 | head -1)"
result load_before "$(cut -d' ' -f1-3 /proc/loadavg)"
result seconds_per_point "$SECONDS_PER_POINT"

# ---- 1. durable ingest curve ----
start_relay queued "$PWD/$P/ingest.db" "$P/relay-ingest.log"
echo "== warm-up: 50 connections, 10 s"
RELAY_SECRET=$SECRET wrk -t1 -c50 -d10s -s bench/queue/tilda.lua "$RELAY/hooks/tilda" >"$P/wrk-warmup.txt"
TICK=$(getconf CLK_TCK)
for c in 1 10 50 200; do
  echo "== $c connections, ${SECONDS_PER_POINT} s"
  before=$(cpu_ticks "$RELAY_PID")
  RELAY_SECRET=$SECRET /usr/bin/time -f "%U %S" -o "$P/wrk-$c.cpu" \
    wrk -t1 -c"$c" -d"${SECONDS_PER_POINT}s" --timeout 10s --latency -s bench/queue/tilda.lua "$RELAY/hooks/tilda" >"$P/wrk-$c.txt"
  after=$(cpu_ticks "$RELAY_PID")
  result "c${c}_relay_cpu_cores" "$(awk -v a="$before" -v b="$after" -v t="$TICK" -v s="$SECONDS_PER_POINT" 'BEGIN { printf "%.2f", (b - a) / t / s }')"
  result "c${c}_wrk_cpu_cores" "$(awk -v s="$SECONDS_PER_POINT" '{ printf "%.2f", ($1 + $2) / s }' "$P/wrk-$c.cpu")"
  result "c${c}_rate" "$(awk '/Requests\/sec/ { print $2 }' "$P/wrk-$c.txt")"
  for q in 50 90 99; do
    result "c${c}_p$q" "$(awk -v q="$q%" '$1 == q { print $2 }' "$P/wrk-$c.txt")"
  done
  result "c${c}_errors" "$(awk '/Non-2xx|Socket errors/ { print }' "$P/wrk-$c.txt" | tr '\n' ' ')"
done
result ingest_queued_rows "$(curl -s -H "X-Relay-Secret: $SECRET" "$RELAY/queue" | python3 -c 'import json,sys; print(json.load(sys.stdin)["queued"])')"
stop_relay

# ---- 2 and 3. EVENTS mixed events: queued (ingest, then flush until drained) ----
start_relay queued "$PWD/$P/drain.db" "$P/relay-drain.log"
echo "== queued: $EVENTS mixed webhooks, 50 senders"
"$JAVA" bench/queue/Send.java "$RELAY" "$SECRET" "$EVENTS" 50 | tee "$P/send-queued.txt"
result queued_send "$(cat "$P/send-queued.txt")"
echo "== drain: POST /queue/flush until nothing remains"
t0=$(date +%s.%N)
flushes=0 requests=0 remaining=1
while [ "$remaining" != 0 ] && [ $flushes -lt 20 ]; do
  curl -s -X POST -H "X-Relay-Secret: $SECRET" --max-time 600 "$RELAY/queue/flush" >"$P/flush-$flushes.json"
  read -r r remaining < <(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["requests"], d["remaining"])' "$P/flush-$flushes.json")
  requests=$((requests + r)); flushes=$((flushes + 1))
done
result drain_seconds "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
result drain_flushes "$flushes"
result events "$EVENTS"
result queued_requests "$requests"
result drain_rows "$(python3 -c 'import json,glob,sys; print(sum(json.load(open(f))["flushed_rows"] for f in glob.glob(sys.argv[1] + "/flush-*.json")))' "$P")"
stop_relay

# ---- 2. direct: DIRECT_EVENTS of the same mix, one Metrica request per conversion or call and two per deal ----
start_relay direct "$PWD/$P/unused.db" "$P/relay-direct.log"
# 3 senders: Metrica's parallel limit; more would only fill the relay's bulkhead and be answered 503
echo "== direct: $DIRECT_EVENTS mixed webhooks, 3 senders"
"$JAVA" bench/queue/Send.java "$RELAY" "$SECRET" "$DIRECT_EVENTS" 3 | tee "$P/send-direct.txt"
result direct_send "$(cat "$P/send-direct.txt")"
curl -s "$RELAY/q/metrics" >"$P/direct.prom"
# direct mode has no request counter of its own: the REST client's http_client_requests_seconds_count counts calls
result direct_events "$DIRECT_EVENTS"
result direct_requests "$(awk '$1 ~ /^http_client_requests_seconds_count/ { s += $NF } END { print s + 0 }' "$P/direct.prom")"
stop_relay
result load_after "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 bench/report.py queue "$RESULTS"
