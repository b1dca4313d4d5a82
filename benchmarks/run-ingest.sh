#!/usr/bin/env bash
# Ingest benchmark: PushLedger against THE BASELINE, a plain receiver (benchmarks/.../PlainReceiver.java:
# plain Java/JDBC, the JDK HttpServer, a pool of 10, one transaction per callback), interleaved in one run
# on the same machine, on both workloads: sessions on a fixed set of recurring stream ids, and every
# session on a new stream id. Per round and workload: PushLedger, then the baseline, each on a fresh
# schema, first at full load (CLIENTS connections back to back) after a warm-up (the JIT needs about a
# minute on two cores), then at half of PushLedger's full-load rate of that round (a fixed rate, latency
# counted from the scheduled send). Prints each side's rate, p99, CPU
# per callback (the server process and its PostgreSQL backends, from /proc) and WAL bytes per callback
# (pg_stat_wal, whose counters are cluster-wide: other databases' writes in the same window count too),
# and PushLedger's ratio to the baseline. Needs `./mvnw -B package -DskipTests` first. Loopback only;
# everything ends on its own.
#
#   benchmarks/run-ingest.sh                              # 1 round, 60 s warm-up + 30 s per side
#   ROUNDS=3 DURATION=20 WARMUP=20 benchmarks/run-ingest.sh
#   WORKLOADS=new benchmarks/run-ingest.sh                # one workload only
#   KEEP_DATA=1 DB=pushledger_bench10m benchmarks/run-ingest.sh   # growth: PushLedger only, into a loaded
#                                                                 # history (no baseline, nothing dropped)
# BEFORE_JAR=<another build's quarkus-run.jar> adds a third side to each round, after the baseline: that
# build of PushLedger (e.g. main's, to measure a change before and after in one run). It may also be a native
# executable, and with NATIVE=1 the fast-jar: the executable and the fast-jar side by side in one run
#   NATIVE=1 BEFORE_JAR=app/target/quarkus-app/quarkus-run.jar BEFORE_NAME=fast-jar benchmarks/run-ingest.sh
# BEFORE_OPTS are that side's options (default JAVA_OPTS; for a jar beside NATIVE=1, the jar's default),
# BEFORE_NAME its label (default "before"). Each side's line gives its launch-to-ready time and its resident
# memory idle (5 s after ready, before the load) beside the peak under the load.
# Options: DB (default pushledger_bench; it must exist and is emptied), PORT, CLIENTS (16), HALF_RATE
# (1: also the half-rate runs; 0: not), HALF_DURATION (20), JAVA_OPTS (the service's; default the
# recommended -Xmx128m -XX:+UseParallelGC; with NATIVE=1 the same heap bound alone, -Xmx128m, since the
# executable brings its own garbage collector), OUT, PGHOST/PGPORT/PGUSER/PGPASSWORD.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
CLIENTS=${CLIENTS:-16}
ROUNDS=${ROUNDS:-1}
WORKLOADS=${WORKLOADS:-recurring new}
HALF_RATE=${HALF_RATE:-1}
HALF_DURATION=${HALF_DURATION:-20}
PORT=${PORT:-18090}
KEEP_DATA=${KEEP_DATA:-}
BEFORE_JAR=${BEFORE_JAR:-}
BEFORE_NAME=${BEFORE_NAME:-before}
JVM_DEFAULT_OPTS="-Xmx128m -XX:+UseParallelGC"
JAVA_OPTS=${JAVA_OPTS:-$([ -n "${NATIVE:-}" ] && echo -Xmx128m || echo "$JVM_DEFAULT_OPTS")}
if [[ $BEFORE_JAR == *.jar && -n "${NATIVE:-}" ]]; then BEFORE_OPTS=${BEFORE_OPTS:-$JVM_DEFAULT_OPTS}; fi
BEFORE_OPTS=${BEFORE_OPTS:-$JAVA_OPTS}
KEY=bench-callback-key
OUT=${OUT:-benchmarks/target/ingest-$(date +%Y%m%d-%H%M%S)}
. benchmarks/service.sh

BENCH_JAR=benchmarks/target/pushledger-benchmarks.jar
require_files_and_port "$SERVICE_JAR" "$BENCH_JAR" ${BEFORE_JAR:+"$BEFORE_JAR"}
mkdir -p "$OUT"
URL="http://127.0.0.1:$PORT/callbacks/css"
HZ=$(getconf CLK_TCK)
half_rate=0

sql() { psql -d "$DB" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }
fresh_database() {
  PGOPTIONS='-c client_min_messages=warning' psql -d "$DB" -q -v ON_ERROR_STOP=1 \
    -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public'
}
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
# utime + stime, in clock ticks, of the given processes.
cpu_ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'; }
db_backends() { pgrep -f "postgres: .* $PGUSER $DB " || true; }
wal_bytes() { sql 'SELECT wal_bytes FROM pg_stat_wal'; }
field() { sed "s/.*$1=\([0-9.]*\).*/\1/" <<< "$2"; }

# Starts the baseline on $PORT against $DB; sets $service and $ready_ms as start_service does.
start_baseline() {
  local started
  started=$(date +%s%N)
  "$JAVA_HOME/bin/java" -Xmx128m -XX:+UseParallelGC -cp "$BENCH_JAR" io.pushledger.bench.PlainReceiver "$PORT" \
    "jdbc:postgresql://$PGHOST:$PGPORT/$DB" "$PGUSER" "$PGPASSWORD" "$KEY" > "$OUT/baseline.log" 2>&1 &
  service=$!
  trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
  for _ in $(seq 1 600); do
    if grep -q listening "$OUT/baseline.log"; then
      ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
      return
    fi
    kill -0 "$service" 2>/dev/null || { echo "the baseline stopped; see $OUT/baseline.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "the baseline was not ready within 30 s" >&2
  exit 1
}

stop_server() {
  kill -TERM "$service"
  wait "$service" 2>/dev/null || true
  trap - EXIT
}

# generate NAME ARGS...: the load generator with the given options, its report in $OUT/NAME.txt.
generate() {
  local name=$1
  shift
  timeout 600 "$JAVA_HOME/bin/java" -jar "$BENCH_JAR" --url "$URL" --key "$KEY" "$@" > "$OUT/$name.txt"
  grep '^RESULT' "$OUT/$name.txt"
}

# run_side SIDE WORKLOAD ROUND: one side (pushledger or baseline) on one workload. Sets $result, $line.
run_side() {
  local side=$1 workload=$2 round=$3 name="$1-$2-$3"
  if [ -z "$KEEP_DATA" ]; then fresh_database; fi
  if [ "$side" != baseline ]; then
    local jar=$SERVICE_JAR opts=$JAVA_OPTS
    [ "$side" = before ] && SERVICE_JAR=$BEFORE_JAR && JAVA_OPTS=$BEFORE_OPTS
    start_service PUSHLEDGER_CALLBACK_KEYS="$KEY" PUSHLEDGER_API_TOKENS=bench-api-token \
      QUARKUS_FLYWAY_MIGRATE_AT_START="$([ -n "$KEEP_DATA" ] && echo false || echo true)"
    SERVICE_JAR=$jar JAVA_OPTS=$opts
    cp "$OUT/service.log" "$OUT/$name.log" 2>/dev/null || true
  else
    start_baseline
  fi
  sleep 5
  local idle
  idle=$(rss_kb "$service")
  timeout 600 "$JAVA_HOME/bin/java" -jar "$BENCH_JAR" --url "$URL" --key "$KEY" --stream-ids "$workload" \
    --concurrency "$CLIENTS" --warmup "${WARMUP}s" --duration "${DURATION}s" > "$OUT/$name.txt" &
  local generator=$! backends cpu0 db0 wal0 t0 cpu1 db1 wal1 t1 peak=0 rss
  sleep "$WARMUP"
  backends=$(db_backends)
  cpu0=$(cpu_ticks "$service"); db0=$(cpu_ticks $backends); wal0=$(wal_bytes); t0=$(date +%s%N)
  while kill -0 "$generator" 2>/dev/null; do
    rss=$(rss_kb "$service"); [ "$rss" -gt "$peak" ] && peak=$rss
    cpu1=$(cpu_ticks "$service"); db1=$(cpu_ticks $backends); wal1=$(wal_bytes); t1=$(date +%s%N)
    sleep 1
  done
  wait "$generator"
  # Where the writes went: rows inserted and updated per table, how many updates were HOT, index sizes.
  sql "SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del, pg_size_pretty(pg_indexes_size(relid))
       FROM pg_stat_user_tables ORDER BY relname" > "$OUT/$name-tables.txt"
  result=$(grep '^RESULT' "$OUT/$name.txt")
  local rate seconds callbacks half=""
  rate=$(field callbacks_per_s "$result")
  seconds=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
  callbacks=$(awk -v r="$rate" -v s="$seconds" 'BEGIN {print r * s}')
  line=$(awk -v r="$rate" -v p="$(field p99_ms "$result")" -v ok="$(field ok "$result")" \
    -v bad="$(field non200 "$result")" -v err="$(field errors "$result")" -v c="$callbacks" -v h="$HZ" \
    -v sc="$((cpu1 - cpu0))" -v dc="$((db1 - db0))" -v w="$((wal1 - wal0))" -v rss="$peak" -v idle="$idle" \
    -v ready="$ready_ms" \
    'BEGIN {printf "%8.1f/s  p99 %6.2f ms  ok %d non-200 %d errors %d  CPU/callback: server %.3f ms, backends %.3f ms  WAL/callback %.0f B  ready %d ms  RSS idle %d MiB, peak %d MiB",
      r, p, ok, bad, err, 1000 * sc / h / c, 1000 * dc / h / c, w / c, ready, idle / 1024, rss / 1024}')
  # PushLedger's half rate is half its own full-load rate; the baseline runs at PushLedger's, the build
  # before (BEFORE_JAR) at half its own.
  local at=$half_rate
  [ "$side" = baseline ] || at=$(awk -v r="$rate" 'BEGIN {printf "%d", r / 2}')
  [ "$side" = pushledger ] && half_rate=$at
  if [ "$HALF_RATE" = 1 ] && [ "$at" -gt 0 ]; then
    half=$(generate "$name-half" --stream-ids "$workload" --rate "$at" --warmup 5s --duration "${HALF_DURATION}s")
    line="$line | at $at/s: p50 $(field p50_ms "$half") p99 $(field p99_ms "$half") ms, non-200 $(field non200 "$half"), errors $(field errors "$half")"
  fi
  stop_server
}

echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); database $DB; results in $OUT"
echo "== $ROUNDS round(s) of: $WORKLOADS; per side ${WARMUP} s warm-up + ${DURATION} s at $CLIENTS connections" \
  "$([ "$HALF_RATE" = 1 ] && echo "+ ${HALF_DURATION} s at half of PushLedger's rate")"
for round in $(seq 1 "$ROUNDS"); do
  for workload in $WORKLOADS; do
    run_side pushledger "$workload" "$round"
    ours=$result ours_line=$line
    [ -n "$KEEP_DATA" ] && { echo "round $round $workload  PushLedger $ours_line"; continue; }
    run_side baseline "$workload" "$round"
    base=$result base_line=$line
    if [ -n "$BEFORE_JAR" ]; then
      run_side before "$workload" "$round"
      printf 'round %s %s  %-10s %s' "$round" "$workload" "$BEFORE_NAME" "$line"
      echo " (ratio $(awk -v a="$(field callbacks_per_s "$result")" -v b="$(field callbacks_per_s "$base")" 'BEGIN {printf "%.2f", a / b}'))"
    fi
    echo "round $round $workload  PushLedger $ours_line"
    echo "round $round $workload  baseline   $base_line"
    echo "round $round $workload  ratio      $(awk -v a="$(field callbacks_per_s "$ours")" -v b="$(field callbacks_per_s "$base")" 'BEGIN {printf "%.2f", a / b}') (PushLedger / baseline, load average $(cut -d' ' -f1 /proc/loadavg))"
  done
done | tee "$OUT/summary.txt"
