#!/usr/bin/env bash
# Cold-start benchmark (not a test): for each start-up mode, start the relay N times and record the
# time from exec to the first 200 answer to a real webhook, and the RSS right after it.
# Writes a table to stdout and into docs/performance.md (between the BENCH markers).
#
#   bench/coldstart.sh [runs]          # default 5 runs per mode
#
# Needs: JDK 17 (java on PATH or JAVA17_HOME), Temurin 25 (JAVA25_HOME, default
# /usr/lib/jvm/temurin-25-jdk-amd64), curl. Optional: JAVA21_HOME (Lambda's runtime) for a JDK 21
# AppCDS row; target/*-runner (from -Pnative) for a native row. Everything runs on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PORT=${BENCH_PORT:-18090}
J17=${JAVA17_HOME:+$JAVA17_HOME/bin/}java
J25=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
J21=${JAVA21_HOME:+$JAVA21_HOME/bin/java}
OUT=bench/out
mkdir -p "$OUT"
APP=target/quarkus-app
BODY='{"deal_id":"bench-1","client_id":"1674202831464027743","status":"PAID","revenue":4500,"created_at":1748500000}'

echo "== building the HTTP service with Temurin 25 and training the AOT cache on the *IT webhook workload"
JAVA_HOME=$(dirname "$(dirname "$J25")") ./mvnw -B -q verify -DskipITs=false -DskipLambdaTests=true \
  -Dquarkus.package.jar.aot.enabled=true -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false >"$OUT/build.log" 2>&1
cp "$APP/app.aot" "$OUT/app-25.aot"
cp "$APP/app-cds.jsa" "$OUT/app-cds-25.jsa"

# A JDK's AppCDS archive, dumped at exit after serving one webhook (the archive is JDK-specific).
dump_appcds() { # java archive
  port_free
  (cd "$APP" && exec "$1" -XX:ArchiveClassesAtExit="$PWD/../../$2" -Dquarkus.http.port=$PORT -jar quarkus-run.jar >"../../$OUT/dump.log" 2>&1) &
  local pid=$!
  wait_for_200
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

# Nothing may answer on the port before a start: a stray relay would make every start look instant.
port_free() {
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/q/health/live"; then
    echo "something already answers on 127.0.0.1:$PORT; stop it or set BENCH_PORT" >&2
    exit 1
  fi
}

wait_for_200() {
  local deadline=$((SECONDS + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/hooks/generic" \
      -H 'Content-Type: application/json' -d "$BODY" 2>/dev/null)" = 200 ]; do
    [ $SECONDS -lt $deadline ] || { echo "no 200 within 60 s" >&2; return 1; }
    sleep 0.005
  done
}

echo "== dumping AppCDS archives"
dump_appcds "$J17" "$OUT/app-cds-17.jsa"
[ -n "$J21" ] && dump_appcds "$J21" "$OUT/app-cds-21.jsa"

# one_run executable [jvm options...] → prints "ms rss_mb" (a .jar run when the executable is java)
one_run() {
  local start end pid rss args=("$@" -Dquarkus.http.port=$PORT)
  case "$1" in *java) args+=(-jar quarkus-run.jar) ;; esac
  port_free
  start=$(date +%s%N)
  (cd "$APP" && exec "${args[@]}" >/dev/null 2>&1) &
  pid=$!
  wait_for_200
  end=$(date +%s%N)
  rss=$(ps -o rss= -p "$pid")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  echo "$(( (end - start) / 1000000 )) $(( rss / 1024 ))"
}

ROWS=()
mode() { # label cmd...
  local label=$1; shift
  local times=() rsss=()
  for _ in $(seq "$RUNS"); do
    read -r ms mb < <(one_run "$@")
    times+=("$ms"); rsss+=("$mb")
  done
  local sorted med min max rmed
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  med=$(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  min=$(echo "$sorted" | head -1); max=$(echo "$sorted" | tail -1)
  rmed=$(printf '%s\n' "${rsss[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  ROWS+=("| $label | $med | $min–$max | $rmed |")
  echo "$label: median ${med} ms (min $min, max $max), RSS ${rmed} MB"
}

echo "== measuring ($RUNS runs per mode)"
mode "JVM 17" "$J17"
mode "JVM 17 + AppCDS" "$J17" -XX:SharedArchiveFile="$PWD/$OUT/app-cds-17.jsa"
[ -n "$J21" ] && mode "JVM 21 + AppCDS" "$J21" -XX:SharedArchiveFile="$PWD/$OUT/app-cds-21.jsa"
mode "JVM 25" "$J25"
mode "JVM 25 + AppCDS" "$J25" -XX:SharedArchiveFile="$PWD/$OUT/app-cds-25.jsa"
mode "JVM 25 + AOT cache" "$J25" -XX:AOTCache="$PWD/$OUT/app-25.aot"
# what infra/docker ships: C1 only (a webhook relay needs start-up, not peak throughput), Serial GC
mode "JVM 25 + AOT cache, Serial GC, C1" "$J25" -XX:AOTCache="$PWD/$OUT/app-25.aot" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
NATIVE=$(ls target/*-runner 2>/dev/null | head -1 || true)
if [ -n "$NATIVE" ]; then
  mode "native" "$PWD/$NATIVE"
fi

TABLE=$(printf '%s\n' "| mode | first 200, median ms | min–max ms | RSS after it, median MB |" "|---|---|---|---|" "${ROWS[@]}")
HEADER="Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); $RUNS runs per mode; bench/coldstart.sh."
echo; echo "$HEADER"; echo "$TABLE"

DOC=docs/performance.md
if [ -f "$DOC" ] && grep -q '<!-- BENCH:START -->' "$DOC"; then
  python3 - "$DOC" "$HEADER" "$TABLE" <<'PY'
import sys
doc, header, table = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(doc).read()
start, end = text.index('<!-- BENCH:START -->'), text.index('<!-- BENCH:END -->')
open(doc, 'w').write(text[:start] + '<!-- BENCH:START -->\n' + header + '\n\n' + table + '\n' + text[end:])
PY
  echo "== wrote $DOC"
fi
