#!/usr/bin/env bash
# Ingest benchmark, both sides in one run on the same machine: PostgreSQL's own ceiling for the
# statements one callback costs (pgbench + pgbench/callback.sql), then the packaged service under the
# load generator. Prints both rates, their ratio, latencies, start-up time and resident memory.
# Needs `./mvnw -B package -DskipTests` first. Everything runs against 127.0.0.1 and ends on its own.
#
#   benchmarks/run-ingest.sh                 # 30 s each side, 16 clients
#   DURATION=20 CLIENTS=16 benchmarks/run-ingest.sh
#   KEEP_DATA=1 DB=pushledger_bench10m benchmarks/run-ingest.sh   # growth: ingest into a loaded history,
#                                                                 # no ceiling run, nothing dropped
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-30}
CLIENTS=${CLIENTS:-16}
WARMUP=${WARMUP:-5}
PORT=${PORT:-18090}
KEEP_DATA=${KEEP_DATA:-}
KEY=bench-callback-key
OUT=${OUT:-benchmarks/target/ingest-$(date +%Y%m%d-%H%M%S)}
. benchmarks/service.sh

BENCH_JAR=benchmarks/target/pushledger-benchmarks.jar
require_files_and_port "$SERVICE_JAR" "$BENCH_JAR"
command -v pgbench >/dev/null || { echo "pgbench is missing (PostgreSQL's contrib/server package)" >&2; exit 1; }
mkdir -p "$OUT"

fresh_database() {
  PGOPTIONS='-c client_min_messages=warning' psql -d "$DB" -q -v ON_ERROR_STOP=1 \
    -c 'DROP SCHEMA IF EXISTS public CASCADE' -c 'CREATE SCHEMA public'
}

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }

# utime + stime, in clock ticks, of the given processes.
cpu_ticks() { for p in "$@"; do awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}'; }

db_backends() { pgrep -f "postgres: .* $PGUSER $DB " || true; }

echo "== machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== results in $OUT"

if [ -n "$KEEP_DATA" ]; then
  echo "== 1/2 skipped (KEEP_DATA): no ceiling run, $DB is used as it is"
  ceiling=""
else
  echo "== 1/2 PostgreSQL's ceiling: pgbench, $CLIENTS clients, ${DURATION} s, exactly the statements of one callback"
  fresh_database
  for migration in $(ls adapters-persistence/src/main/resources/db/migration/V*.sql | sort -V); do
    psql -d "$DB" -q -v ON_ERROR_STOP=1 -1 -f "$migration"
  done
  timeout $((DURATION + 60)) pgbench -n -M prepared -r -c "$CLIENTS" -j 2 -T "$DURATION" \
    -f benchmarks/pgbench/callback.sql "$DB" > "$OUT/pgbench.txt" 2>&1
  # One script run is one push: two callbacks.
  tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench.txt")
  ceiling=$(awk -v t="$tps" 'BEGIN {printf "%.1f", 2 * t}')
  pg_latency=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench.txt")
  echo "   $ceiling callbacks/s ($tps pushes/s, average $pg_latency ms per push of two callbacks)"
fi

echo "== 2/2 PushLedger: $SERVICE_KIND on port $PORT, load generator $CLIENTS connections, ${WARMUP} s warm-up + ${DURATION} s"
[ -n "$KEEP_DATA" ] || fresh_database
sessions_before=0
if [ "$(psql -d "$DB" -Atc "SELECT to_regclass('push_session') IS NOT NULL")" = t ]; then
  sessions_before=$(psql -d "$DB" -Atc 'SELECT count(*) FROM push_session')
fi
# A history loaded with psql has no Flyway history table: the schema is given, as in run-history.sh.
start_service PUSHLEDGER_CALLBACK_KEYS="$KEY" PUSHLEDGER_API_TOKENS=bench-api-token \
  QUARKUS_FLYWAY_MIGRATE_AT_START="$([ -n "$KEEP_DATA" ] && echo false || echo true)"
sleep 2
idle_rss=$(rss_kb "$service")
echo "   ready after $ready_ms ms (launch to /q/health/ready, fresh schema migrated by Flyway), idle RSS $((idle_rss / 1024)) MiB"

TIMEFORMAT='%U %S'
{ time timeout $((WARMUP + DURATION + 60)) "$JAVA_HOME/bin/java" -jar "$BENCH_JAR" \
    --url "http://127.0.0.1:$PORT/callbacks/css" --key "$KEY" --concurrency "$CLIENTS" \
    --warmup "${WARMUP}s" --duration "${DURATION}s" > "$OUT/ingest.txt" ; } 2> "$OUT/ingest-cpu.txt" &
generator=$!
sleep "$WARMUP"
backends=$(db_backends)
service_cpu0=$(cpu_ticks "$service")
db_cpu0=$(cpu_ticks $backends)
sampled0=$(date +%s%N)
peak_rss=0
while kill -0 "$generator" 2>/dev/null; do
  rss=$(rss_kb "$service")
  [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
  service_cpu1=$(cpu_ticks "$service")
  db_cpu1=$(cpu_ticks $backends)
  sampled1=$(date +%s%N)
  sleep 1
done
wait "$generator"
cat "$OUT/ingest.txt"
result=$(grep '^RESULT' "$OUT/ingest.txt")
rate=$(sed 's/.*callbacks_per_s=\([0-9.]*\).*/\1/' <<< "$result")
p99=$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<< "$result")
stored=$(psql -d "$DB" -Atc 'SELECT count(*) FROM callback_event')
sessions_after=$(psql -d "$DB" -Atc 'SELECT count(*) FROM push_session')
hz=$(getconf CLK_TCK)
generator_cpu=$(tail -n 1 "$OUT/ingest-cpu.txt" | awk '{printf "%.1f", $1 + $2}')
sampled_s=$(awk -v a="$sampled0" -v b="$sampled1" 'BEGIN {printf "%.1f", (b - a) / 1e9}')

kill -TERM "$service"
wait "$service" 2>/dev/null || true
trap - EXIT

echo "== summary ($(date -u +%FT%TZ), load average now $(cut -d' ' -f1-3 /proc/loadavg))"
if [ -n "$ceiling" ]; then
  echo "   PostgreSQL ceiling  $ceiling callbacks/s (pgbench, $CLIENTS clients)"
fi
echo "   PushLedger          $rate callbacks/s answered 200, p99 $p99 ms ($CLIENTS connections)"
if [ -n "$ceiling" ]; then
  echo "   ratio               $(awk -v a="$rate" -v b="$ceiling" 'BEGIN {printf "%.1f %%", 100 * a / b}') of the ceiling (target >= 90 %)"
fi
echo "   stored              $stored events in all; sessions $sessions_before before, $sessions_after after (warm-up included)"
echo "   start-up to ready   $ready_ms ms"
echo "   RSS                 idle $((idle_rss / 1024)) MiB, peak under load $((peak_rss / 1024)) MiB${JAVA_OPTS:+ (JAVA_OPTS: $JAVA_OPTS)}"
echo "   CPU while measured  service $(awk -v t="$((service_cpu1 - service_cpu0))" -v h="$hz" 'BEGIN {printf "%.1f", t / h}') s," \
  "PostgreSQL backends $(awk -v t="$((db_cpu1 - db_cpu0))" -v h="$hz" 'BEGIN {printf "%.1f", t / h}') s," \
  "over $sampled_s s; load generator $generator_cpu s over its whole run; $(nproc) CPUs"
