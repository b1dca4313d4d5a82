#!/usr/bin/env bash
# Change-stream followers against ingest (ADR 14): the callback rate with no follower, then with FOLLOWERS
# followers of GET /api/v1/changes (curl) of which STOPPED are SIGSTOPped once the load runs, alternating,
# ROUNDS rounds; each side on a freshly created database $DB. BEFORE_JAR=<another build's quarkus-run.jar> adds a
# side: that build with no follower (the write path's cost of a change, e.g. a migration's trigger). Loopback only.
#
#   flock /tmp/heavy.lock benchmarks/run-followers.sh
#   PORT=18310 DB=pushledger_console_ingest FOLLOWERS=10 STOPPED=1 ROUNDS=2 WARMUP=20 DURATION=30 benchmarks/run-followers.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-18310}
FOLLOWERS=${FOLLOWERS:-10}
STOPPED=${STOPPED:-1}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-30}
CLIENTS=${CLIENTS:-16}
BEFORE_JAR=${BEFORE_JAR:-}
KEY=bench-key
TOKEN=bench-token
OUT=${OUT:-benchmarks/target/followers-$(date +%Y%m%d-%H%M%S)}
JAVA_OPTS=${JAVA_OPTS:--Xmx128m -XX:+UseParallelGC}
DB=${DB:-pushledger_console_ingest}
. benchmarks/service.sh
THIS_JAR=$SERVICE_JAR
require_files_and_port "$SERVICE_JAR" benchmarks/target/pushledger-benchmarks.jar
mkdir -p "$OUT"
echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT" | tee "$OUT/summary.txt"

followers=()
stop_followers() {
  for pid in "${followers[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  followers=()
}

# side NAME JAR FOLLOWERS STOPPED
side() {
  local name=$1 jar=$2 n=$3 stopped=$4 i
  dropdb --if-exists "$DB" && createdb "$DB"
  SERVICE_JAR=$jar
  start_service PUSHLEDGER_CALLBACK_KEYS=$KEY PUSHLEDGER_API_TOKENS=$TOKEN
  for i in $(seq 1 "$n"); do
    curl -sN -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/changes" > /dev/null &
    followers+=($!)
  done
  # The stopped ones stop once the load runs (their socket buffers then fill), as a client that hangs.
  ( sleep 5; for i in $(seq 0 $((stopped - 1))); do kill -STOP "${followers[$i]}"; done ) &
  "$JAVA_HOME/bin/java" -jar benchmarks/target/pushledger-benchmarks.jar --url "http://127.0.0.1:$PORT/callbacks/css" \
    --key $KEY --concurrency "$CLIENTS" --warmup "${WARMUP}s" --duration "${DURATION}s" > "$OUT/$name.report" 2>&1
  rate=$(grep -m1 -oE 'callbacks_per_s=[0-9.]+' "$OUT/$name.report" | cut -d= -f2 || echo "?")
  metrics=$(curl -s "http://127.0.0.1:$MANAGEMENT_PORT/q/metrics" | grep -E '^pushledger_change_followers' | tr '\n' ' ' || true)
  printf '   %-34s %8s callbacks/s   %s\n' "$name" "$rate" "$metrics" | tee -a "$OUT/summary.txt"
  stop_followers
  kill "$service"; wait "$service" 2>/dev/null || true
  trap - EXIT
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round ($(cut -d' ' -f1-3 /proc/loadavg) load average)" | tee -a "$OUT/summary.txt"
  side "r$round-no-follower" "$THIS_JAR" 0 0
  side "r$round-$FOLLOWERS-followers-$STOPPED-stopped" "$THIS_JAR" "$FOLLOWERS" "$STOPPED"
  if [ -n "$BEFORE_JAR" ]; then side "r$round-before-no-follower" "$BEFORE_JAR" 0 0; fi
done
dropdb --if-exists "$DB"
