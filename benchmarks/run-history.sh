#!/usr/bin/env bash
# History benchmark: times each SPEC §3 query of the history API against the packaged service, on a
# database already loaded by benchmarks/history/load.sql, and captures EXPLAIN (ANALYZE, BUFFERS) of the
# SQL behind each. Sequential requests with curl, values sampled from the loaded data, varying per request.
# Needs `./mvnw -B package -DskipTests` first. Everything runs against 127.0.0.1 and ends on its own.
#
#   benchmarks/run-history.sh
#   REQUESTS=300 STATS_REQUESTS=30 DEPTH=40 DB=pushledger_bench benchmarks/run-history.sh
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-300}
STATS_REQUESTS=${STATS_REQUESTS:-30}
WARMUP=${WARMUP:-30}
DEPTH=${DEPTH:-40}
CHAINS=${CHAINS:-5}
PORT=${PORT:-18091}
TOKEN=bench-token
OUT=${OUT:-benchmarks/target/history-$(date +%Y%m%d-%H%M%S)}
. benchmarks/service.sh

require_files_and_port "$SERVICE_JAR"
command -v jq >/dev/null || { echo "jq is missing" >&2; exit 1; }
mkdir -p "$OUT"
BASE="http://127.0.0.1:$PORT"

sql() { psql -d "$DB" -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

sessions=$(sql 'SELECT count(*) FROM push_session')
[ "$sessions" -gt 0 ] || { echo "push_session in $DB is empty: load it with benchmarks/history/load.sql" >&2; exit 1; }
echo "== machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); $sessions sessions in $DB"
echo "== results in $OUT"

# Sample values from the data: random rows, so busy streams and domains come up as often as they are busy.
n=$((REQUESTS + WARMUP))
percent=$(awk -v n="$n" -v s="$sessions" 'BEGIN {p = 300 * n / s; print (p > 100 ? 100 : p)}')
sample() { sql "SELECT $1 FROM push_session TABLESAMPLE BERNOULLI ($percent) ORDER BY random() LIMIT $n"; }
sample stream_id > "$OUT/streams.txt"
sample sequence > "$OUT/sequences.txt"
sample domain > "$OUT/domains.txt"
now=$(date +%s)

# The schema is already there (loaded by hand), so Flyway must not try to migrate it.
start_service PUSHLEDGER_CALLBACK_KEYS=bench-key PUSHLEDGER_API_TOKENS="$TOKEN" QUARKUS_FLYWAY_MIGRATE_AT_START=false
echo "   service ready after $ready_ms ms"

get() { curl -s --max-time 10 -H "Authorization: Bearer $TOKEN" "$@"; }

# Times the URLs in file $2 (paths under $BASE), the first $3 untimed; one "status seconds" line each.
timed() {
  local name=$1 urls=$2 skip=$3 i=0
  : > "$OUT/$name.times"
  while read -r url; do
    i=$((i + 1))
    line=$(get -o /dev/null -w '%{http_code} %{time_total}' "$BASE$url" || echo "000 10")
    [ "$i" -gt "$skip" ] && echo "$line" >> "$OUT/$name.times"
  done < "$urls"
  sort -k2 -g "$OUT/$name.times" | awk -v name="$name" '
    { t[NR] = $2 * 1000; if ($1 != "200") bad++ }
    END {
      p50 = t[int(0.50 * NR + 0.999)]; p99 = t[int(0.99 * NR + 0.999)]
      printf "   %-12s %4d requests  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  non-200 %d\n", name, NR, p50, p99, t[NR], bad
    }' | tee -a "$OUT/summary.txt"
}

echo "== timing, sequential requests ($WARMUP untimed first; $(cut -d' ' -f1-3 /proc/loadavg) load average)"
awk '{print "/api/v1/sessions?streamId=" $1}' "$OUT/streams.txt" > "$OUT/stream-exact.urls"
# room_123_main: prefix room_123 (the stream's own variants and room_1230…), contains _123_ (trigrams).
sed -E 's/^(room_[0-9]+)_.*/\1/' "$OUT/streams.txt" | awk '{print "/api/v1/sessions?match=prefix&streamId=" $1}' > "$OUT/stream-prefix.urls"
sed -E 's/^room(_[0-9]+_).*/\1/' "$OUT/streams.txt" | awk '{print "/api/v1/sessions?match=contains&streamId=" $1}' > "$OUT/stream-contains.urls"
for _ in $(seq 1 "$n"); do echo "/api/v1/sessions?status=LIVE"; done > "$OUT/live-now.urls"
awk -v now="$now" 'BEGIN {srand(42)} {from = now - 86400 * (1 + int(rand() * 29)) - int(rand() * 86400);
  print "/api/v1/sessions?domain=" $1 "&from=" from "&to=" from + 86400}' "$OUT/domains.txt" > "$OUT/domain-day.urls"
awk '{print "/api/v1/sessions/" $1}' "$OUT/sequences.txt" > "$OUT/timeline.urls"
for _ in $(seq 1 $((STATS_REQUESTS + 3))); do echo "/api/v1/stats/interruptions?groupBy=category&from=$((now - 30 * 86400))"; done > "$OUT/stats-30d.urls"

for q in stream-exact stream-prefix stream-contains live-now domain-day timeline; do
  timed "$q" "$OUT/$q.urls" "$WARMUP"
done
timed stats-30d "$OUT/stats-30d.urls" 3

# Deep pages: follow nextCursor DEPTH pages of 50 into one domain's whole history (CHAINS domains; a
# domain holds about 1/300 of the sessions, so one shorter than that is skipped), then time the page after.
: > "$OUT/deep-cursor.urls"
for domain in $(head -n "$CHAINS" "$OUT/domains.txt"); do
  cursor=""
  for _ in $(seq 1 "$DEPTH"); do
    cursor=$(get "$BASE/api/v1/sessions?domain=$domain${cursor:+&cursor=$cursor}" | jq -r .nextCursor)
    [ "$cursor" != null ] || break
  done
  if [ "$cursor" != null ]; then
    echo "/api/v1/sessions?domain=$domain&cursor=$cursor" >> "$OUT/deep-cursor.urls"
  fi
done
deep_urls=$(wc -l < "$OUT/deep-cursor.urls")
[ "$deep_urls" -gt 0 ] || { echo "no domain has $DEPTH pages" >&2; exit 1; }
awk -v n="$n" '{url[NR] = $0} END {for (i = 0; i < n; i++) print url[i % NR + 1]}' "$OUT/deep-cursor.urls" \
  > "$OUT/deep-cursor.timed.urls"
timed "deep-cursor" "$OUT/deep-cursor.timed.urls" "$WARMUP"

kill -TERM "$service"
wait "$service" 2>/dev/null || true
trap - EXIT

# The SQL each endpoint runs (SessionHistoryPersistenceAdapter, CallbackHistoryPersistenceAdapter, the
# session's lookup by primary key), with the first sampled values as literals, LIKE patterns escaped as the
# service escapes them: PostgreSQL plans these
# as custom plans, as it does the service's first executions of a prepared statement.
stream=$(head -n 1 "$OUT/streams.txt")
# A prefix goes as a byte range of the stream index: [prefix, prefix with its last character one higher).
prefix=$(sed -E 's/^(room_[0-9]+)_.*/\1/' <<< "$stream")
last=${prefix: -1}
prefix_end="${prefix%?}$(printf "\\$(printf '%03o' $(( $(printf '%d' "'$last") + 1 )))")"
contains=$(sed -E 's/^room(_[0-9]+_).*/\1/; s/_/\\_/g' <<< "$stream")
sequence=$(head -n 1 "$OUT/sequences.txt")
domain=$(head -n 1 "$OUT/domains.txt")
day=$(sed -E 's/.*from=([0-9]+).*/\1/' <<< "$(head -n 1 "$OUT/domain-day.urls")")
order="ORDER BY started_at DESC, sequence DESC LIMIT 51"
deep_domain=$(head -n 1 "$OUT/deep-cursor.urls" | sed -E 's/.*domain=([^&]*)&.*/\1/')
# The cursor of the deep page, as the service decodes it: the last row of the page before.
IFS='|' read -r deep_started deep_sequence < <(sql "SELECT started_at, sequence FROM push_session
  WHERE domain = '$deep_domain' ORDER BY started_at DESC, sequence DESC OFFSET $((DEPTH * 50 - 1)) LIMIT 1")
explain() {
  echo "== $1" >> "$OUT/explain.txt"
  echo "$2;" >> "$OUT/explain.txt"
  sql "EXPLAIN (ANALYZE, BUFFERS) $2" >> "$OUT/explain.txt"
  echo >> "$OUT/explain.txt"
}
: > "$OUT/explain.txt"
explain stream-exact "SELECT * FROM push_session WHERE stream_id = '$stream' $order"
# The service counts the known streams that match (V7, up to 1,000): fewer, it reads each one's newest
# sessions from the stream index (keys only) and then the page's rows; more, it walks by start time.
prefix_match="stream_id ~>=~ '$prefix' AND stream_id ~<~ '$prefix_end'"
contains_match="stream_id LIKE '%$contains%'"
newest_of_each() {
  echo "SELECT * FROM push_session WHERE sequence IN (SELECT sequence FROM known_stream AS known CROSS JOIN LATERAL
    (SELECT started_at, sequence FROM push_session WHERE stream_id = known.stream_id $order) AS newest
    WHERE $1 $order) $order"
}
explain stream-prefix-count "SELECT count(*) FROM (SELECT 1 FROM known_stream WHERE $prefix_match LIMIT 1000) AS matches"
explain stream-prefix "$(newest_of_each "$prefix_match")"
explain stream-prefix-walk "SELECT * FROM push_session WHERE $prefix_match $order"
explain stream-contains-count "SELECT count(*) FROM (SELECT 1 FROM known_stream WHERE $contains_match LIMIT 1000) AS matches"
explain stream-contains "$(newest_of_each "$contains_match")"
explain live-now "SELECT * FROM push_session WHERE status = 'LIVE' $order"
explain domain-day "SELECT * FROM push_session WHERE domain = '$domain' AND started_at >= to_timestamp($day) AND started_at < to_timestamp($((day + 86400))) $order"
explain timeline-session "SELECT * FROM push_session WHERE sequence = '$sequence'"
explain timeline-events "SELECT id, event_type, sequence, stream_id, event_time, received_at, last_received_at, deliveries, body::text AS body FROM callback_event WHERE sequence = '$sequence' ORDER BY event_time, event_type DESC"
# Statistics: the whole UTC days from interruptions_by_day, the partial first day from push_session (V5);
# then, for comparison, the count over push_session alone that the service sent before V5.
stats_from=$((now - 30 * 86400))
stats_midnight=$(( (stats_from + 86399) / 86400 * 86400 ))
explain stats-30d "SELECT category, CAST(sum(sessions) AS bigint), CAST(sum(sum(sessions)) OVER () AS bigint) FROM (SELECT category, sessions FROM interruptions_by_day WHERE day >= '$(date -u -d "@$stats_midnight" +%F)' UNION ALL SELECT category, 1 FROM push_session WHERE status = 'ENDED' AND ended_at >= to_timestamp($stats_from) AND ended_at < to_timestamp($stats_midnight)) AS counted GROUP BY 1 ORDER BY 2 DESC, 1 ASC NULLS LAST LIMIT 100"
explain stats-30d-full "SELECT category, count(*), CAST(sum(count(*)) OVER () AS bigint) FROM push_session WHERE status = 'ENDED' AND ended_at >= to_timestamp($stats_from) GROUP BY 1 ORDER BY 2 DESC, 1 ASC NULLS LAST LIMIT 100"
explain deep-cursor "SELECT * FROM push_session WHERE domain = '$deep_domain' AND (started_at, sequence) < ('$deep_started', '$deep_sequence') $order"

echo "== plans in $OUT/explain.txt:"
awk '/^== / {name = $2} /Execution Time/ {printf "   %-18s %s\n", name, $0}' "$OUT/explain.txt"
echo "== done ($(date -u +%FT%TZ), load average now $(cut -d' ' -f1-3 /proc/loadavg))"
