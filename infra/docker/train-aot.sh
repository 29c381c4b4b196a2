#!/usr/bin/env bash
# Trains the JDK 25 AOT cache (JEP 483/514) for the relay's HTTP service.
#
# It starts target/quarkus-app/quarkus-run.jar with -XX:AOTCacheOutput, waits until the relay is
# ready, sends it real webhooks in dry-run (no METRICA_TOKEN: nothing leaves the machine), then stops
# it with SIGTERM. The JVM writes the cache when it exits. The Dockerfile runs this in its build
# stage; it runs the same way on any machine with a JDK/JRE 25 and curl:
#
#   APP_DIR=target/quarkus-app infra/docker/train-aot.sh
#
# The cache is only valid for the same JVM build, the same JVM flags that matter (GC, heap mode),
# and the same class path with the same jar files (path, size and modification time). So train with
# the image (and JAVA_TOOL_OPTIONS) you run with, and never touch the jars afterwards.
set -euo pipefail

APP_DIR=${APP_DIR:-/app}
APP_DIR=$(cd "$APP_DIR" && pwd)          # an absolute class path: the cache records it
CACHE=${AOT_CACHE:-$APP_DIR/app.aot}
PORT=${TRAIN_PORT:-18080}
JAVA=${JAVA:-java}
BASE="http://127.0.0.1:$PORT"
SECRET="aot-training-only-secret"       # lives only in this process; the image never sees it
LOG=$(mktemp)

fail() {
    echo "train-aot: $*" >&2
    echo "---- relay log ----" >&2
    cat "$LOG" >&2 || true
    [ -n "${PID:-}" ] && kill -KILL "$PID" 2>/dev/null || true
    exit 1
}

command -v curl >/dev/null || fail "curl is needed to send the training webhooks"
rm -f "$CACHE"

# A clean dry-run environment: whatever the caller exported, no token reaches the training run.
# -Xmx: a small heap, as in production. On a builder with more than ~42 GB of RAM the default heap
# would exceed 32 GB, the JVM would drop compressed oops, and a small container would refuse the cache.
env -u METRICA_TOKEN -u RELAY_CONFIG \
    PORT="$PORT" RELAY_SECRET="$SECRET" RELAY_DRY_RUN=true \
    "$JAVA" -Xmx"${TRAIN_HEAP:-512m}" -XX:AOTCacheOutput="$CACHE" -jar "$APP_DIR/quarkus-run.jar" >"$LOG" 2>&1 &
PID=$!

ready=""
for _ in $(seq 1 240); do                # up to 60 s on a slow builder
    if curl -fsS -m 2 "$BASE/q/health/ready" >/dev/null 2>&1; then ready=yes; break; fi
    kill -0 "$PID" 2>/dev/null || fail "the relay exited before it was ready"
    sleep 0.25
done
[ -n "$ready" ] || fail "the relay was not ready after 60 s"

# 1. The webhook every deployment gets: generic JSON with the secret in the path (amoCRM/Tilda style).
answer=$(curl -fsS -m 10 -X POST "$BASE/hooks/generic/$SECRET" \
    -H 'Content-Type: application/json' \
    -d '{"deal_id":"AOT-1","client_id":"1674202831464027743","phone":"+7 999 000-11-22","email":"a@example.com","status":"PAID","revenue":4500.50,"created_at":1748500000,"goals":[{"id":"deal_won","price":100}]}') \
    || fail "the training webhook was not answered with 2xx"
case "$answer" in
    *'"dry_run":true'*) ;;
    *) fail "unexpected answer to the training webhook: $answer" ;;
esac

# 2. Same with the header secret, a form body (FormBody, bracket keys) and the error paths (401/404/422),
#    so their classes are in the cache too. Their status codes are not checked: only that we got one.
curl -sS -m 10 -o /dev/null -X POST "$BASE/hooks/generic" -H "X-Relay-Secret: $SECRET" \
    -H 'Content-Type: application/json' -d '{"deal_id":"AOT-2","client_id":"1674202831464027744","status":"NEW"}' \
    || fail "no answer to the header-secret webhook"
curl -sS -m 10 -o /dev/null -X POST "$BASE/hooks/generic/$SECRET" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    --data 'deal_id=AOT-3&client_id=1674202831464027745&status=PAID&leads[status][0][id]=1' \
    || fail "no answer to the form webhook"
curl -sS -m 10 -o /dev/null -X POST "$BASE/hooks/generic/wrong-secret" -H 'Content-Type: application/json' -d '{}' \
    || fail "no answer to the bad-secret webhook"
curl -sS -m 10 -o /dev/null -X POST "$BASE/hooks/no-such-source/$SECRET" -H 'Content-Type: application/json' -d '{}' \
    || fail "no answer to the unknown-source webhook"
curl -sS -m 10 -o /dev/null "$BASE/q/health/live" || fail "no answer from /q/health/live"
curl -sS -m 10 -o /dev/null "$BASE/q/metrics" || fail "no answer from /q/metrics"

# Stop it: the JVM writes the AOT cache on the way out.
kill -TERM "$PID"
wait "$PID" || true                      # 143 after SIGTERM is expected
[ -s "$CACHE" ] || fail "no AOT cache was written to $CACHE"
echo "train-aot: wrote $CACHE ($(du -h "$CACHE" | cut -f1))"
rm -f "$LOG"
