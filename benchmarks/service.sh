# Shared by the benchmark scripts (sourced, not run): the database settings, and the packaged service
# started on 127.0.0.1 and awaited until ready, stopped when the script exits.
DB=${DB:-pushledger_bench}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
PGPASSWORD=${PGPASSWORD:-postgres}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA_OPTS=${JAVA_OPTS:-}
export PGHOST PGPORT PGUSER PGPASSWORD
# The packaged service: the fast-jar, or with NATIVE=1 the native executable of ./mvnw package -Dnative
# (JAVA_OPTS are then the executable's options, e.g. -Xmx96m).
NATIVE=${NATIVE:-}
if [ -n "$NATIVE" ]; then
  SERVICE_JAR=$(ls app/target/*-runner 2>/dev/null | head -n 1 || true)
  SERVICE_JAR=${SERVICE_JAR:-app/target/*-runner}  # named in the error below when missing
else
  SERVICE_JAR=app/target/quarkus-app/quarkus-run.jar
fi

# Fails unless the given files exist and $PORT and $MANAGEMENT_PORT (health, metrics; default $PORT + 100) are free.
require_files_and_port() {
  MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((PORT + 100))}
  for f in "$@"; do
    [ -f "$f" ] || { echo "$f is missing: run ./mvnw -B package -DskipTests${NATIVE:+ -Dnative} first" >&2; exit 1; }
  done
  for p in "$PORT" "$MANAGEMENT_PORT"; do
    if ss -Hltn "sport = :$p" | grep -q .; then
      echo "port $p is taken; set PORT and MANAGEMENT_PORT" >&2
      exit 1
    fi
  done
}

# Starts the service ($SERVICE_JAR: a jar runs on $JAVA_HOME, anything else is the native executable) on $PORT
# (its management interface on $MANAGEMENT_PORT) against $DB, with the extra
# environment given as NAME=value arguments; sets $service (its pid) and $ready_ms (launch to
# /q/health/ready); logs to $OUT/service.log.
start_service() {
  local started command
  # shellcheck disable=SC2206 # JAVA_OPTS is a list of options
  if [[ $SERVICE_JAR == *.jar ]]; then command=("$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$SERVICE_JAR"); else command=("$SERVICE_JAR" $JAVA_OPTS); fi
  started=$(date +%s%N)
  env PUSHLEDGER_RETENTION_EVERY=off \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" QUARKUS_HTTP_PORT="$PORT" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
    "$@" "${command[@]}" > "$OUT/service.log" 2>&1 &
  service=$!
  trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
  ready_ms=""
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$MANAGEMENT_PORT/q/health/ready"; then
      ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
      return
    fi
    kill -0 "$service" 2>/dev/null || { echo "the service stopped; see $OUT/service.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "the service was not ready within 60 s; see $OUT/service.log" >&2
  exit 1
}
