#!/usr/bin/env bash
# Issue 14's benchmark: starts the packaged service with -Xmx512m on a fresh data directory, runs
# ImportBench against it (a .csv and a .xlsx of 100,000 rows with 1% bad rows, then op40 of the
# .csv's members) and the reconciliation of the three tenants, and stops it. bench/import-bench.sh [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-100000}"
data=$(mktemp -d /tmp/membercard-import-bench.XXXXXX)
port="${SERVER_PORT:-18081}"
# the service's jar: the one given (BENCH_JAR, e.g. a copy of an earlier build to compare with), or
# this checkout's, packaged again when a source is newer than it
jar="${BENCH_JAR:-target/membercard-0.1.0-SNAPSHOT.jar}"
if [ -z "${BENCH_JAR:-}" ] && { [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; }; then
  mvn -B -q package -DskipTests
fi
MEMBERCARD_DATA_DIR="$data" MEMBERCARD_ADMIN_USERNAME=admin MEMBERCARD_ADMIN_PASSWORD=admin-pass \
  MEMBERCARD_DATABASE_FSYNC="${MEMBERCARD_DATABASE_FSYNC:-true}" SERVER_PORT="$port" \
  java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$jar" > "$data/service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "localhost:$port/actuator/health" >/dev/null && break
  sleep 1
done
bench/java.sh ImportBench --base-url "http://localhost:$port" --import-dir "$data/import" --rows "$rows" \
  --service-pid "$service" --database-dir "$data/postgres"
echo "service still alive (no OutOfMemoryError under -Xmx512m): $(kill -0 $service && echo yes)"
