#!/usr/bin/env bash
# Issue 12's benchmark (bench/README.md, "Business day (issue 12)"): day-end of a 20,000-bill
# shop-day, the 31-day reports over all shops, a 100,000-bill .xlsx, on 1,000,000 members with
# 5,000,000 bills.
#
#   bench/business-day-bench.sh                      package if needed, start the service with -Xmx512m
#                                                    -XX:+ExitOnOutOfMemoryError on a fresh data directory,
#                                                    load the data set, run, stop the service
#   bench/business-day-bench.sh --keep               the same, but leave the service running afterwards
#   bench/business-day-bench.sh --data-dir DIR       run only, on a loaded service that is running on DIR
#                                                    (its manifest: bench/target/business-day/dataset.properties)
# Other options go to BusinessDayBench (--repeat N, --rows N, --base-url URL); MEMBERS and BILLS
# (environment) change the data set's size.
set -euo pipefail
cd "$(dirname "$0")/.."

data=""
keep=""
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) data="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        *) args+=("$1"); shift ;;
    esac
done
manifest=bench/target/business-day/dataset.properties
port="${SERVER_PORT:-18096}"

if [ -z "$data" ]; then
    data=$(mktemp -d /tmp/membercard-business-day.XXXXXX)
    [ -f target/membercard-0.1.0-SNAPSHOT.jar ] || mvn -B -q package -DskipTests
    cp target/membercard-0.1.0-SNAPSHOT.jar "$data/app.jar"
    MEMBERCARD_DATA_DIR="$data" MEMBERCARD_ADMIN_USERNAME=admin MEMBERCARD_ADMIN_PASSWORD=admin-pass \
      SERVER_PORT="$port" setsid java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$data/app.jar" \
      > "$data/service.log" 2>&1 &
    service=$!
    if [ -z "$keep" ]; then
        trap 'kill $service 2>/dev/null; wait $service 2>/dev/null || true' EXIT
    fi
    for _ in $(seq 1 180); do
        curl -sf "localhost:$port/actuator/health" >/dev/null && break
        sleep 1
    done
    echo "service pid $service on port $port, data $data (log: $data/service.log)"
    /usr/bin/time -f "load: %e s wall" bench/load-members.sh --data-dir "$data" --base-url "http://localhost:$port" \
        --members "${MEMBERS:-1000000}" --bills "${BILLS:-5000000}" --out "$manifest"
    args+=(--base-url "http://localhost:$port")
fi
# the service: whatever listens on the base URL's port (the manifest's, unless --base-url says)
url=$(grep -m1 '^baseUrl=' "$manifest" | cut -d= -f2-)
for ((i = 0; i < ${#args[@]}; i++)); do
    [ "${args[$i]}" = "--base-url" ] && url="${args[$((i + 1))]}"
done
service=$(ss -ltnpH "sport = :${url##*:}" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
echo "service pid ${service:-?}: $(ps -o args= -p "${service:-0}" | cut -c1-120)"

bench/java.sh BusinessDayBench --manifest "$manifest" "${args[@]}"
if [ -n "$service" ] && ! kill -0 "$service" 2>/dev/null; then
    echo "the service is gone: did it exit on an OutOfMemoryError? ($data/service.log)" >&2
    exit 1
fi
echo "service still running after the run (started with -Xmx512m -XX:+ExitOnOutOfMemoryError: no OutOfMemoryError);"
echo "its resident memory now: $(ps -o rss= -p "${service:-0}" | awk '{printf "%.0f MB", $1 / 1024}')"
