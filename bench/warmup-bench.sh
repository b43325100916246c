#!/usr/bin/env bash
# How fast a cold service gets warm (issue 11): starts the packaged service with `java -jar` on a data
# directory that already holds a funded data set (bench/payment-bench.sh --load ...), pays through the
# HTTP API from the first healthy moment for --seconds, and reports the payments of every second and
# the first second from which the 5-second moving average stays at 90% of the warm throughput (the
# mean of the last 30 seconds) or more.
#
#   bench/warmup-bench.sh --data-dir DIR [--port 18080] [--clients 8] [--seconds 150] [--java java] [-- JVM options]
#
# The data directory's service must not be running. Writes bench/target/payment/warmup-<clients>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir="" port=18080 clients=8 seconds=150 java=java manifest=""
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) data_dir="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --clients) clients="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --java) java="$2"; shift 2 ;;
        --manifest) manifest="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$data_dir" ] || { echo "--data-dir is required" >&2; exit 2; }
manifest=${manifest:-bench/target/payment/dataset.properties}
jar=$(ls target/membercard-*.jar | head -n1)
out=bench/target/payment
mkdir -p "$out"

started=$(date +%s%N)
MEMBERCARD_DATA_DIR="$data_dir" SERVER_PORT="$port" "$java" "$@" -jar "$jar" > "$out/warmup-service.log" 2>&1 &
service=$!
trap 'kill $service 2>/dev/null; wait $service 2>/dev/null' EXIT
until curl -sf "localhost:$port/actuator/health" > /dev/null; do
    kill -0 $service 2>/dev/null || { echo "the service exited, see $out/warmup-service.log" >&2; exit 1; }
    sleep 0.2
done
healthy=$(( ($(date +%s%N) - started) / 1000000 ))
bench/java.sh PaymentBench --manifest "$manifest" --base-url "http://localhost:$port" --cards random \
    --clients "$clients" --warmup 0 --seconds "$seconds" --timeline "$out/warmup-timeline.txt" \
    --report "$out/warmup-http.md" > "$out/warmup-http.out" 2>&1
awk -v healthy="$healthy" -v clients="$clients" -v opts="$*" '
    { n[$1] = $2; last = $1 }
    END {
        for (s = last - 29; s <= last; s++) warm += n[s]
        warm /= 30
        reached = -1
        for (s = 4; s <= last; s++) {
            avg = (n[s] + n[s-1] + n[s-2] + n[s-3] + n[s-4]) / 5
            if (avg >= 0.9 * warm) { if (reached < 0) reached = s } else reached = -1
        }
        printf "JVM options: %s\n", (opts == "" ? "(none)" : opts)
        printf "healthy %.1f s after java -jar; %d clients; warm throughput %.1f pay/s (mean of the last 30 s)\n", healthy / 1000, clients, warm
        printf "90%% of warm from second %d of traffic on (5 s moving average)\n", reached
        printf "payments per second:"
        for (s = 0; s <= last; s++) printf "%s%d", (s % 20 == 0 ? "\n  " : " "), n[s]
        printf "\n"
    }' "$out/warmup-timeline.txt" | tee "$out/warmup-$clients.txt"
