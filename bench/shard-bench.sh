#!/usr/bin/env bash
# Routing overhead of the sharded mode (issue 16 item 6): card payments (op23) over HTTP, the service
# single-node against the same jar sharded over two embedded nodes on this machine, everything else
# equal. Both services run at once (each idle while the other is measured), loaded the same way
# (bench/load-members.sh --funded, into the tenant's node when sharded), warmed up the same, then
# measured turn by turn: for every card choice and client count, each mode in turn, so that what
# else runs on the machine falls on both alike. Each run waits for the load average to drop below
# --max-load (at most --max-wait seconds) and records it. The ledger reconciliation of each service
# at the end. Prints and writes one table with the sharded/single ratios.
#
#   bench/shard-bench.sh [--members 20000] [--seconds 30] [--first-warmup 300] [options]; --help lists them
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat >&2 <<'EOF'
usage: bench/shard-bench.sh [options]
  --jar FILE           the service's jar (default target/membercard-*.jar; build: mvn -B -q package -DskipTests)
  --dir DIR            data directories, one per mode, made afresh (default /tmp/shardbench)
  --modes "single sharded"
                       what to compare (default both); also single-separate: single-node with the sharded
                       mode's separate money statements (membercard.ledger.separate-statements=true)
  --nodes N            nodes of the sharded mode (default 2)
  --port P             the first service's HTTP port; the others follow (default 18190)
  --members N          funded cards per mode (default 20000)
  --seconds S          measured seconds per run (default 30)
  --warmup S           unrecorded seconds before each run (default 5)
  --first-warmup S     random-card payments at 8 clients into each service before any run, for its JIT
                       (default 300)
  --clients "8 32"     client counts (default "8 32")
  --cards "random hot" card choices (default "random hot")
  --rounds N           measure every scenario N times, modes alternating (default 1)
  --max-load L         wait before a run until the 1-minute load average is below L (default 1.5)
  --max-wait S         ... at most S seconds, then run anyway and record the load (default 300)
  --service-env "K=V ..."  more environment for every service (e.g. MEMBERCARD_DB_POOL_SIZE=8)
  --sharded-env "K=V ..."  more environment for the sharded service only
  --report FILE        Markdown table (default bench/target/shard/results.md)
  --note TEXT          a line for the report's header
  --keep               leave the services and nodes running at the end (their pids in DIR/<mode>/*.pid)
  --attach             measure the services a --keep run left running (same --dir, --modes, --port) instead of
                       starting and loading new ones; with --first-warmup 0 they are measured at once
EOF
    exit 2
}

jar=""
root=/tmp/shardbench
modes="single sharded"
nodes=2
port=18190
members=20000
seconds=30
warmup=5
first_warmup=300
clients="8 32"
cards="random hot"
rounds=1
max_load=1.5
max_wait=300
service_env=""
sharded_env=""
report=bench/target/shard/results.md
note=""
keep=0
attach=0
while [ $# -gt 0 ]; do
    case "$1" in
        --jar) jar="$2"; shift 2 ;;
        --dir) root="$2"; shift 2 ;;
        --modes) modes="$2"; shift 2 ;;
        --nodes) nodes="$2"; shift 2 ;;
        --port) port="$2"; shift 2 ;;
        --members) members="$2"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --first-warmup) first_warmup="$2"; shift 2 ;;
        --clients) clients="${2//,/ }"; shift 2 ;;
        --cards) cards="${2//,/ }"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --max-load) max_load="$2"; shift 2 ;;
        --max-wait) max_wait="$2"; shift 2 ;;
        --service-env) service_env="$2"; shift 2 ;;
        --sharded-env) sharded_env="$2"; shift 2 ;;
        --report) report="$2"; shift 2 ;;
        --note) note="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        --attach) attach=1; keep=1; shift ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage ;;
    esac
done
jar=${jar:-$(ls target/membercard-*.jar 2>/dev/null | head -n1)}
[ -f "$jar" ] || { echo "no service jar: mvn -B -q package -DskipTests, or --jar FILE" >&2; exit 1; }
jar=$(realpath "$jar")
command -v curl > /dev/null || { echo "curl not found" >&2; exit 1; }

out=bench/target/shard
mkdir -p "$out" "$root"
root=$(realpath "$root")
results=$out/results.tsv
ticks=$(getconf CLK_TCK)
load1() { cut -d' ' -f1 /proc/loadavg; }
load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# ------------------------------------------------------------------ start, load, stop

declare -A url dir service_pid nodes_pid
started=()
stop_all() {
    [ "$keep" = 1 ] && return
    for pid in "${started[@]}"; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in "${started[@]}"; do
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    done
}
trap stop_all EXIT

# waits until a log line matches or the process ends; $1 pid, $2 file, $3 pattern, $4 seconds
await() {
    local waited=0
    until grep -q "$3" "$2" 2>/dev/null; do
        kill -0 "$1" 2>/dev/null || { echo "process $1 ended; the end of $2:" >&2; tail -n 30 "$2" >&2; exit 1; }
        [ "$waited" -lt "$4" ] || { echo "no \"$3\" in $2 after $4 s" >&2; exit 1; }
        sleep 2; waited=$((waited + 2))
    done
}

# the postmaster pid of the node (or single server) listening on a port, under a data directory
postmaster_of() { # dir port
    local f
    for f in "$1"/postgres/postmaster.pid "$1"/node-*/postgres/postmaster.pid; do
        [ -f "$f" ] && [ "$(sed -n 4p "$f")" = "$2" ] && { sed -n 1p "$f"; return; }
    done
    echo -1
}

attach_mode() { # mode http-port
    dir[$1]="$root/$1"
    url[$1]="http://localhost:$2"
    service_pid[$1]=$(cat "$root/$1/service.pid")
    kill -0 "${service_pid[$1]}" 2>/dev/null || { echo "$1: no service running from $root/$1" >&2; exit 1; }
    echo "-- $1: the running service ${url[$1]}, pid ${service_pid[$1]}"
}

start_mode() { # mode http-port
    local mode=$1 p=$2 d="$root/$1" env=()
    rm -rf "$d"
    mkdir -p "$d"
    dir[$mode]=$d
    url[$mode]="http://localhost:$p"
    # shellcheck disable=SC2206
    env=(MEMBERCARD_DATA_DIR="$d" SERVER_PORT="$p" MEMBERCARD_ADMIN_USERNAME=admin MEMBERCARD_ADMIN_PASSWORD=admin-pass $service_env)
    case "$mode" in
        single) ;;
        single-separate) env+=(MEMBERCARD_LEDGER_SEPARATE_STATEMENTS=true) ;;
        sharded)
            echo "-- $mode: starting $nodes embedded nodes in $d"
            MEMBERCARD_JAR="$jar" setsid bench/shard-nodes.sh --data-dir "$d" --nodes "$nodes" > "$d/nodes.log" 2>&1 &
            nodes_pid[$mode]=$!
            started+=("$!")
            echo "$!" > "$d/nodes.pid"
            await "$!" "$d/nodes.log" "nodes running" 600
            mapfile -t shard_lines < "$d/shards.env"
            # shellcheck disable=SC2206
            env+=("${shard_lines[@]}" $sharded_env)
            ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    echo "-- $mode: starting the service on port $p (load average $(load_avg))"
    env "${env[@]}" setsid java -jar "$jar" > "$d/service.log" 2>&1 &
    service_pid[$mode]=$!
    started+=("$!")
    echo "$!" > "$d/service.pid"
    await "$!" "$d/service.log" "Started Application" 900
    # the platform administrator, whom the loader signs in as, is made just after the start
    await "$!" "$d/service.log" "platform administrator" 300
    echo "-- $mode: loading $members funded cards"
    bench/load-members.sh --data-dir "$d" --base-url "${url[$mode]}" --members "$members" --funded 1000 \
        --hot-card 1000000 --out "$out/$mode/dataset.properties" > "$d/load.log" 2>&1 \
        || { tail -n 30 "$d/load.log" >&2; exit 1; }
    grep -E "sharded:|^Loaded" "$d/load.log" | sed 's/^/   /'
}

# ------------------------------------------------------------------ runs

wait_for_quiet() {
    local waited=0
    while awk -v l="$(load1)" -v m="$max_load" 'BEGIN { exit !(l >= m) }' && [ "$waited" -lt "$max_wait" ]; do
        [ "$waited" = 0 ] && echo "   load average $(load_avg): waiting for it to drop below $max_load (at most $max_wait s)"
        sleep 15; waited=$((waited + 15))
    done
}

pay() { # mode cards clients warmup seconds tag report-name
    local mode=$1 manifest="$out/$1/dataset.properties" pm
    pm=$(postmaster_of "${dir[$mode]}" "$(grep -m1 '^dbPort=' "$manifest" | cut -d= -f2)")
    bench/java.sh PaymentBench --manifest "$manifest" --cards "$2" --clients "$3" --warmup "$4" --seconds "$5" \
        --tag "$6" --service-pid "${service_pid[$mode]}" --postmaster-pid "$pm" --clock-ticks "$ticks" \
        --report "$out/$mode/$7.md" > "$out/$mode/$7.out" 2>&1 || true
    grep -m1 '^RESULT' "$out/$mode/$7.out" || { echo "   PaymentBench failed:" >&2; tail -n 20 "$out/$mode/$7.out" >&2; }
}

field() { grep -oP "(^| )$1=\K[^ ]+" <<< "$2" || echo nan; }

tag="SB$(date +%s%N | cut -c1-13)"
echo "== sharded vs single-node, op23 over HTTP: modes $modes; $members funded cards each; $warmup s warm-up +"
echo "   $seconds s per run; clients $clients; cards $cards; $rounds round(s); jar $jar; load average $(load_avg)"
p=$port
for mode in $modes; do
    if [ "$attach" = 1 ]; then attach_mode "$mode" "$p"; else start_mode "$mode" "$p"; fi
    p=$((p + 1))
done

for mode in $modes; do
    [ "$first_warmup" -gt 0 ] || break
    wait_for_quiet
    echo "-- $mode: first warm-up, $first_warmup s of random-card payments at 8 clients (load average $(load_avg))"
    line=$(pay "$mode" random 8 "$first_warmup" 5 "$tag-W" first-warmup)
    echo "   then 5 s: $(field tps "$line") pay/s, p99 $(field p99 "$line") ms"
done

: > "$results"
for round in $(seq 1 "$rounds"); do
    for c_set in $cards; do
        for c in $clients; do
            for mode in $modes; do
                wait_for_quiet
                before=$(load_avg)
                line=$(pay "$mode" "$c_set" "$c" "$warmup" "$seconds" "$tag-$round$c_set$c" "run-$round-$c_set-$c")
                after=$(load_avg)
                printf '%s\n' "$round	$mode	$c_set	$c	$(field tps "$line")	$(field p50 "$line")	$(field p95 "$line")	$(field p99 "$line")	$(field errors "$line")	$(field answers "$line")	$(field cpu_service "$line")	$(field cpu_postgres "$line")	$(field other_cores "$line")	$before	$after" >> "$results"
                echo "   round $round, $c_set, $c clients, $mode: $(field tps "$line") pay/s, p50/p95/p99 $(field p50 "$line")/$(field p95 "$line")/$(field p99 "$line") ms, errors $(field errors "$line"), load $before → $after"
            done
        done
    done
done

# ------------------------------------------------------------------ reconciliation

: > "$out/reconciliation.txt"
for mode in $modes; do
    manifest="$out/$mode/dataset.properties"
    prop() { grep -m1 "^$1=" "$manifest" | cut -d= -f2-; }
    token=$(curl -s -X POST "${url[$mode]}/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$(prop tenantAdminUsername)\",\"password\":\"$(prop tenantAdminPassword)\"}" \
        | grep -oP '"token":"\K[^"]+' || true)
    answer=$(curl -s --max-time 600 "${url[$mode]}/api/v1/ledger/reconciliation" -H "Authorization: Bearer $token")
    checked=$(grep -oP '"cardsChecked":\K[0-9]+' <<< "$answer" || echo "?")
    if grep -q '"differences":\[\]' <<< "$answer"; then
        recon="$checked cards checked, no differences"
    else
        recon="$checked cards checked, DIFFERENCES or failure: $(head -c 300 <<< "$answer")"
    fi
    echo "$mode: $recon" | tee -a "$out/reconciliation.txt"
done

# ------------------------------------------------------------------ the table

mean() { # mode cards clients column
    awk -F'\t' -v m="$1" -v cs="$2" -v c="$3" -v k="$4" \
        '$2 == m && $3 == cs && $4 == c && $k != "nan" { s += $k; n++ } END { if (n) printf "%.1f", s / n; else print "nan" }' "$results"
}
{
    echo "Sharded vs single-node, op23 over HTTP, $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'):"
    [ -n "$note" ] && echo "$note"
    echo "$members funded cards per mode, 0.01 yuan per payment, $warmup s warm-up + $seconds s per run, first warm-up"
    echo "$first_warmup s per service, $rounds round(s) with the modes in turn, $(nproc) CPUs;${service_env:+ service env: $service_env;}${sharded_env:+ sharded env: $sharded_env;}"
    echo "sharded: $nodes embedded nodes on this machine (bench/shard-nodes.sh). CPU ms per payment of the service and of"
    echo "PostgreSQL (sharded: the tenant's node only)."
    echo
    echo '| round | mode | cards | clients | pay/s | p50 / p95 / p99 ms | errors | CPU ms/payment: service, postgres | other processes, cores | load average before → after |'
    echo '|---:|---|---|---:|---:|---|---|---|---:|---|'
    while IFS=$'\t' read -r r m cs c t p50 p95 p99 e a cs_ cp oth lb la; do
        echo "| $r | $m | $cs | $c | $t | $p50 / $p95 / $p99 | $e$([ "$a" = "-" ] || echo " ($a)") | $cs_, $cp | $oth | $lb → $la |"
    done < "$results"
    echo
    first_mode=${modes%% *}
    echo "| cards | clients |$(for m in $modes; do printf ' %s pay/s |' "$m"; done)$(for m in $modes; do [ "$m" = "$first_mode" ] || printf ' %s / %s |' "$m" "$first_mode"; done)"
    echo "|---|---:|$(for m in $modes; do printf -- '---:|'; done)$(for m in $modes; do [ "$m" = "$first_mode" ] || printf -- '---:|'; done)"
    for cs in $cards; do
        for c in $clients; do
            base=$(mean "$first_mode" "$cs" "$c" 5)
            row="| $cs | $c |"
            for m in $modes; do row="$row $(mean "$m" "$cs" "$c" 5) |"; done
            for m in $modes; do
                [ "$m" = "$first_mode" ] && continue
                row="$row $(awk -v a="$(mean "$m" "$cs" "$c" 5)" -v b="$base" 'BEGIN { if (a != "nan" && b > 0) printf "%.1f%%", 100 * a / b; else print "-" }') |"
            done
            echo "$row"
        done
    done
    echo
    echo "Ledger reconciliation after the runs: $(paste -sd ';' "$out/reconciliation.txt" | sed 's/;/; /g')."
} > "$report.tmp"
mv "$report.tmp" "$report"
echo
cat "$report"
