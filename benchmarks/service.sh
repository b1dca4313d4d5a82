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
SERVICE_JAR=${SERVICE_JAR:-app/target/quarkus-app/quarkus-run.jar}

# Fails unless the given files exist and $PORT is free.
require_files_and_port() {
  for f in "$@"; do
    [ -f "$f" ] || { echo "$f is missing: run ./mvnw -B package -DskipTests first" >&2; exit 1; }
  done
  if ss -Hltn "sport = :$PORT" | grep -q .; then
    echo "port $PORT is taken; set PORT" >&2
    exit 1
  fi
}

# Starts the service on $PORT against $DB, with the extra environment given as NAME=value arguments;
# sets $service (its pid) and $ready_ms (launch to /q/health/ready); logs to $OUT/service.log.
start_service() {
  local started
  started=$(date +%s%N)
  env PUSHLEDGER_RETENTION_EVERY=off \
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    QUARKUS_DATASOURCE_USERNAME="$PGUSER" QUARKUS_DATASOURCE_PASSWORD="$PGPASSWORD" QUARKUS_HTTP_PORT="$PORT" \
    "$@" "$JAVA_HOME/bin/java" $JAVA_OPTS -jar "$SERVICE_JAR" > "$OUT/service.log" 2>&1 &
  service=$!
  trap 'kill "$service" 2>/dev/null || true; wait "$service" 2>/dev/null || true' EXIT
  ready_ms=""
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$PORT/q/health/ready"; then
      ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
      return
    fi
    kill -0 "$service" 2>/dev/null || { echo "the service stopped; see $OUT/service.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "the service was not ready within 60 s; see $OUT/service.log" >&2
  exit 1
}
