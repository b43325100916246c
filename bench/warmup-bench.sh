#!/usr/bin/env bash
# How fast a cold service gets warm (issue 11): starts the packaged service with `java -jar` on a data
# directory that already holds a funded data set (bench/payment-bench.sh --load ...), pays through the
# HTTP API from the first healthy moment for --seconds, and reports the payments of every second and
# the first second from which the 5-second moving average stays at 90% of the warm throughput (the
# mean of the last 30 seconds) or more. Since the host's steal time moves throughput by a third from
# one minute to the next here, it also reports the service's CPU per payment by window (JIT and GC
# threads included), which follows the JIT's progress more closely, and the machine's steal.
#
#   bench/warmup-bench.sh --data-dir DIR [--port 18080] [--clients 8] [--seconds 150] [--java java] [--jar JAR] [-- JVM options]
#
# --jar runs another jar than target/'s, e.g. the extracted form (`java -Djarmode=tools -jar ... extract`)
# that a CDS archive or an AOT cache needs.
#
# The data directory's service must not be running. Writes bench/target/payment/warmup-<clients>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

data_dir="" port=18080 clients=8 seconds=150 java=java manifest="" jar=""
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) data_dir="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --clients) clients="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --java) java="$2"; shift 2 ;;
        --manifest) manifest="$2"; shift 2 ;;
        --jar) jar="$2"; shift 2 ;;
        --) shift; break ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$data_dir" ] || { echo "--data-dir is required" >&2; exit 2; }
manifest=${manifest:-bench/target/payment/dataset.properties}
jar=${jar:-$(ls target/membercard-*.jar | head -n1)}
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
    --service-pid "$service" --report "$out/warmup-http.md" > "$out/warmup-http.out" 2>&1
# timeline lines: second, payments, the service's CPU ms and the machine's steal ms in that second
awk -v healthy="$healthy" -v clients="$clients" -v opts="$*" '
    { n[$1] = $2; cpu[$1] = $3; steal[$1] = $4; last = $1 }
    function window(from, to,    s, pays, ms, st) {
        if (to > last) to = last
        if (from > to) return
        for (s = from; s <= to; s++) { pays += n[s]; ms += cpu[s]; st += steal[s] }
        printf "  %3d-%-3d  %8.0f  %10.3f  %10.0f\n", from, to, pays / (to - from + 1), pays ? ms / pays : 0, st / (to - from + 1)
    }
    END {
        for (s = last - 29; s <= last; s++) { warm += n[s]; warmCpu += cpu[s] }
        warmCpu = warm > 0 ? warmCpu / warm : 0
        warm /= 30
        reached = -1; first = -1; efficient = -1
        for (s = 4; s <= last; s++) {
            pays = n[s] + n[s-1] + n[s-2] + n[s-3] + n[s-4]
            if (pays / 5 >= 0.9 * warm) { if (reached < 0) reached = s; if (first < 0) first = s } else reached = -1
            ms = cpu[s] + cpu[s-1] + cpu[s-2] + cpu[s-3] + cpu[s-4]
            if (efficient < 0 && ms > 0 && warmCpu * pays / ms >= 0.9) efficient = s
        }
        printf "JVM options: %s\n", (opts == "" ? "(none)" : opts)
        printf "healthy %.1f s after java -jar; %d clients; warm throughput %.1f pay/s and %.3f service CPU ms a payment (the last 30 s)\n", healthy / 1000, clients, warm, warmCpu
        printf "5 s moving average at 90%% of warm throughput: first at second %d, held from second %d on\n", first, reached
        printf "service CPU a payment within 1/0.9 of warm (5 s moving): first at second %d\n", efficient
        printf "  seconds     pay/s  svc ms/pay  steal ms/s\n"
        window(1, 10); window(11, 30); window(31, 60); window(61, 90); window(91, 120); window(121, last)
        printf "payments per second:"
        for (s = 0; s <= last; s++) printf "%s%d", (s % 20 == 0 ? "\n  " : " "), n[s]
        printf "\n"
    }' "$out/warmup-timeline.txt" | tee "$out/warmup-$clients.txt"
