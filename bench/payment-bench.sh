#!/usr/bin/env bash
# Card payment benchmark (op23) in one go: for each card choice (random funded cards, one hot card)
# and each number of clients, (a) pgbench runs the SQL of one payment transaction
# (bench/payment.pgbench) straight against the service's PostgreSQL -- the ceiling -- and then
# (b) bench/PaymentBench.java pays through the HTTP API. Prints and writes one table: TPS,
# p50/p95/p99 of both, the ratio HTTP/raw, errors, CPU per payment, load averages.
#
#   bench/payment-bench.sh --data-dir DIR [--load N] [--seconds 30] [--warmup 5] [options]
#
# The service must be running (MEMBERCARD_DATA_DIR=DIR). --load N first loads N funded cards through
# bench/load-members.sh (a new tenant; use a fresh data directory). --help lists every option.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    cat >&2 <<'EOF'
usage: bench/payment-bench.sh (--data-dir DIR | --db-port N) [options]
  --data-dir DIR       the running service's MEMBERCARD_DATA_DIR: database port and postmaster pid from
                       postgres/postmaster.pid (and the card secret key when loading)
  --db-port N          the embedded PostgreSQL's port instead (no PostgreSQL CPU figures then)
  --db-user U          the role pgbench connects as (default membercard_app, the service's own); its password
                       from DIR/postgres.pgpass (the embedded server's generated passwords), else PGPASSWORD
                       or PGPASSFILE
  --manifest FILE      funded data set (default bench/target/payment/dataset.properties)
  --load N             first load N funded cards into a new tenant (bench/load-members.sh --funded)
  --fund YUAN          with --load: each card's recharge (default 1000)
  --hot-card YUAN      with --load: the hot card's recharge (default 1000000)
  --base-url URL       the service (default: the manifest's; with --load http://localhost:8080)
  --seconds S          measured seconds per run (default 30)
  --warmup S           unrecorded seconds before each run, raw and HTTP (default 5)
  --first-warmup S     extra HTTP warm-up before the first HTTP run, for the service's JIT (default 480: with
                       both cores busy the JIT compiler threads starve, and it takes minutes to settle)
  --clients "8 32"     client counts (default "8 32")
  --cards "random hot" card choices (default "random hot")
  --money YUAN         amount per payment (default 0.01; at 1 point per yuan, 1.00 or more earns points)
  --threads N          pgbench -j (default 2)
  --raw-plan-mode M    plan_cache_mode of the pgbench sessions (PGOPTIONS), e.g. force_custom_plan to plan
                       every statement on every call, as the service's JDBC parameters make PostgreSQL do for
                       its bill statement (default: PostgreSQL's auto, which settles on generic plans here)
  --service-pid PID    the service's JVM (default: whatever listens on the base URL's port)
  --report FILE        Markdown table (default bench/target/payment-results.md)
  --note TEXT          a line for the report's header (e.g. the commit the service was built from)
  --no-reconcile       skip the ledger reconciliation through the API at the end
  --anchor-user U      the role ../shared/bench/anchor/run.sh connects as to make its own database (default postgres,
                       the embedded server's superuser, password from DIR/postgres.pgpass)
  --no-anchor          skip the reference payment (../shared/bench/anchor) and the ratios to it
  --table-only         run nothing: print and write the table of the last run again (its results.tsv)
EOF
    exit 2
}

data_dir=""
port=""
db_user=membercard_app
manifest=bench/target/payment/dataset.properties
load=0
fund=1000
hot=1000000
base_url=""
seconds=30
warmup=5
first_warmup=480
clients="8 32"
cards="random hot"
money=0.01
note=""
threads=2
raw_plan_mode=""
service_pid=""
report=bench/target/payment-results.md
reconcile=1
anchor=1
anchor_user=postgres
table_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        --data-dir) data_dir="$2"; shift 2 ;;
        --db-port) port="$2"; shift 2 ;;
        --db-user) db_user="$2"; shift 2 ;;
        --manifest) manifest="$2"; shift 2 ;;
        --load) load="$2"; shift 2 ;;
        --fund) fund="$2"; shift 2 ;;
        --hot-card) hot="$2"; shift 2 ;;
        --base-url) base_url="${2%/}"; shift 2 ;;
        --seconds) seconds="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --first-warmup) first_warmup="$2"; shift 2 ;;
        --clients) clients="${2//,/ }"; shift 2 ;;
        --cards) cards="${2//,/ }"; shift 2 ;;
        --money) money="$2"; shift 2 ;;
        --note) note="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --raw-plan-mode) raw_plan_mode="$2"; shift 2 ;;
        --service-pid) service_pid="$2"; shift 2 ;;
        --report) report="$2"; shift 2 ;;
        --no-reconcile) reconcile=0; shift ;;
        --anchor-user) anchor_user="$2"; shift 2 ;;
        --no-anchor) anchor=0; shift ;;
        --table-only) table_only=1; shift ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage ;;
    esac
done

postmaster_pid=""
if [ -n "$data_dir" ] && [ "$table_only" = 0 ]; then
    pidfile="$data_dir/postgres/postmaster.pid"
    [ -f "$pidfile" ] || { echo "$pidfile not found: is the service running with MEMBERCARD_DATA_DIR=$data_dir?" >&2; exit 1; }
    [ -n "$port" ] || port=$(sed -n 4p "$pidfile")
    postmaster_pid=$(sed -n 1p "$pidfile")
fi
# the embedded server asks every role for its password; libpq reads it from this 0600 file
if [ -n "$data_dir" ] && [ -z "${PGPASSWORD:-}" ] && [ -f "$data_dir/postgres.pgpass" ]; then
    export PGPASSFILE
    PGPASSFILE=$(realpath "$data_dir/postgres.pgpass")
fi
[ -n "$port" ] || [ "$table_only" = 1 ] || { echo "--data-dir or --db-port is required" >&2; usage; }
command -v pgbench > /dev/null || { echo "pgbench not found (apt-get install postgresql-client)" >&2; exit 1; }
if [ -n "$raw_plan_mode" ]; then
    export PGOPTIONS="${PGOPTIONS:+$PGOPTIONS }-c plan_cache_mode=$raw_plan_mode"
fi

# ------------------------------------------------------------------ data

if [ "$load" -gt 0 ] && [ "$table_only" = 0 ]; then
    [ -n "$data_dir" ] || { echo "--load needs --data-dir (the card secret key)" >&2; exit 2; }
    echo "== loading $load funded cards ($fund yuan each, hot card $hot yuan)"
    bench/load-members.sh --data-dir "$data_dir" --db-port "$port" --base-url "${base_url:-http://localhost:8080}" \
        --members "$load" --funded "$fund" --hot-card "$hot" --out "$manifest"
fi
[ -f "$manifest" ] || { echo "$manifest not found: load a funded data set (--load N)" >&2; exit 1; }
prop() { grep -m1 "^$1=" "$manifest" | cut -d= -f2-; }
[ -n "$(prop fundedYuan)" ] || { echo "$manifest is not from a --funded load" >&2; exit 1; }
base_url="${base_url:-$(prop baseUrl)}"
tenant=$(prop tenantId)
card_min=$(prop cardIdMin)
card_max=$(prop cardIdMax)
hot_id=$(prop hotCardId)
members=$(prop members)

http_port=$(sed -E 's#^[a-z]+://[^:/]+:?([0-9]*).*#\1#' <<< "$base_url")
http_port=${http_port:-80}
if [ -z "$service_pid" ] && command -v ss > /dev/null; then
    service_pid=$(ss -ltnpH "sport = :$http_port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2 || true)
fi

# points a payment earns: floor(money / pointsBasic), pointsBasic 1 for the loader's card classes
points=$(awk -v m="$money" 'BEGIN { printf "%d", m }')

out=bench/target/payment
logs=$out/logs
mkdir -p "$logs"
results=$out/results.tsv
ticks=$(getconf CLK_TCK)

# CPU ticks of PostgreSQL: the postmaster with its reaped children, and its live children
pg_ticks() {
    [ -n "$postmaster_pid" ] || { echo 0; return; }
    cat /proc/[0-9]*/stat 2>/dev/null | sed 's/^\([0-9]*\) (.*) /\1 X /' \
        | awk -v pm="$postmaster_pid" '$4 == pm { s += $14 + $15 } $1 == pm { s += $14 + $15 + $16 + $17 } END { print s + 0 }'
}

load_avg() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU ticks of the whole machine (user, nice, system, irq, softirq) and of one process
machine_ticks() { awk 'NR == 1 { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
process_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }' || echo 0; }

pgbench_args() { # cards
    local lo hi
    if [ "$1" = hot ]; then lo=$hot_id; hi=$hot_id; else lo=$((card_min + 1)); hi=$card_max; fi
    printf '%s\n' -n -M prepared -h 127.0.0.1 -p "$port" -U "$db_user" -f bench/payment.pgbench \
        -D "tenant=$tenant" -D "cidmin=$lo" -D "cidmax=$hi" -D "cardbase=$card_min" -D "apikey=$(prop apiKeyId)" \
        -D "machash=\\x$(prop hotCardMacHash)" -D "money=$money" -D "points=$points" \
        -D "zone=Asia/Shanghai" -D n=0
}

# One pgbench run: prints "tps p50 p95 p99 errors cpu_client cpu_postgres other_cores"
# (latencies in ms, CPU in ms per transaction, other processes in cores)
raw_run() { # cards clients
    local cards=$1 c=$2 args prefix before after tps processed failed aborted pct cpu m0 m1 s0 s1 t0 t1
    mapfile -t args < <(pgbench_args "$cards")
    # warm-up, not recorded
    if [ "$warmup" -gt 0 ]; then
        pgbench "${args[@]}" -c "$c" -j "$threads" -T "$warmup" -D "run=W$(date +%s%N | cut -c1-13)-" \
            membercard > /dev/null 2>&1 || true
    fi
    prefix="$logs/raw-$cards-$c"
    before=$(pg_ticks); m0=$(machine_ticks); s0=$(process_ticks "$service_pid"); t0=$(date +%s%N)
    /usr/bin/time -f '%U %S' -o "$prefix.time" \
        pgbench "${args[@]}" -c "$c" -j "$threads" -T "$seconds" -D "run=R$(date +%s%N | cut -c1-13)-" \
        -l --log-prefix="$prefix" membercard > "$prefix.out" 2> "$prefix.err" || true
    after=$(pg_ticks); m1=$(machine_ticks); s1=$(process_ticks "$service_pid"); t1=$(date +%s%N)
    tps=$(printf '%.1f' "$(grep -m1 -oP 'tps = \K[0-9.]+' "$prefix.out" || echo 0)")
    processed=$(grep -m1 -oP 'actually processed: \K[0-9]+' "$prefix.out" || echo 0)
    failed=$(grep -m1 -oP 'failed transactions: \K[0-9]+' "$prefix.out" || echo 0)
    aborted=$(grep -c 'aborted' "$prefix.err" || true)
    # per-transaction log: client, transaction, latency in microseconds, ... (failed ones have no number)
    pct=$(cat "$prefix".[0-9]* 2>/dev/null | awk '$3 ~ /^[0-9]+$/ { print $3 }' | sort -n \
        | awk '{ v[NR] = $1 } END {
              if (NR == 0) { print "nan nan nan"; exit }
              split("50 95 99", p, " ")
              for (i = 1; i <= 3; i++) { r = int(p[i] / 100 * NR); if (r < p[i] / 100 * NR) r++; if (r < 1) r = 1
                                         printf "%.2f ", v[r] / 1000 }
              print "" }')
    cpu=$(tail -n 1 "$prefix.time" | awk -v n="$processed" '{ if (n > 0) printf "%.3f", ($1 + $2) * 1000 / n; else print "nan" }')
    local cpu_pg
    cpu_pg=$(awk -v a="$after" -v b="$before" -v n="$processed" -v t="$ticks" -v known="$postmaster_pid" \
        'BEGIN { if (n > 0 && known != "") printf "%.3f", (a - b) / t * 1000 / n; else print "nan" }')
    # other processes: the machine less PostgreSQL, pgbench and the (idle) service, in cores
    local other
    other=$(tail -n 1 "$prefix.time" | awk -v m=$((m1 - m0)) -v p=$((after - before)) -v s=$((s1 - s0)) -v t="$ticks" \
        -v w=$(((t1 - t0) / 1000000)) -v known="$postmaster_pid" \
        '{ if (known != "" && w > 0) printf "%.2f", ((m - p - s) / t - $1 - $2) / (w / 1000); else print "nan" }')
    echo "$tps $pct $((failed + aborted)) $cpu $cpu_pg $other"
}

# ------------------------------------------------------------------ the runs

if [ "$table_only" = 0 ]; then
    echo "== card payment benchmark: $base_url, database port $port, tenant $tenant, $members funded cards"
    echo "   $money yuan per payment ($points points), $warmup s warm-up + $seconds s per run, clients: $clients, cards: $cards"
    echo "   service pid ${service_pid:-unknown}, postmaster pid ${postmaster_pid:-unknown}; load average $(load_avg)"
    started_load=$(load_avg)
    rm -f "$logs"/raw-* "$logs"/http-*
    : > "$results"
    : > "$out/anchor.txt"
    if [ "$anchor" = 1 ]; then
        # the reference payment on the same PostgreSQL, in the same run: the yardstick of every ratio below
        echo "-- reference payment (../shared/bench/anchor/run.sh), clients $(tr ' ' '\n' <<< "$clients" | awk '$1 <= 32' | xargs)"
        ../shared/bench/anchor/run.sh --host 127.0.0.1 --port "$port" --user "$anchor_user" \
            --clients "$(tr ' ' '\n' <<< "$clients" | awk '$1 <= 32' | xargs)" --seconds "$seconds" | tee "$out/anchor.txt"
    fi
    tag="PB$(date +%s%N | cut -c1-13)"
    first=1
    for c_set in $cards; do
        for c in $clients; do
            la_before=$(load_avg)
            echo
            echo "-- $c_set, $c clients (load average $la_before)"
            if [ "$c" -le 32 ]; then
                read -r r_tps r_p50 r_p95 r_p99 r_err r_cpu r_cpg r_oth <<< "$(raw_run "$c_set" "$c")"
            else
                # more pgbench sessions than the server's max_connections leaves beside the service's pool
                r_tps=nan; r_p50=nan; r_p95=nan; r_p99=nan; r_err=-; r_cpu=nan; r_cpg=nan; r_oth=nan
            fi
            echo "   raw:  $r_tps tps, p50/p95/p99 $r_p50/$r_p95/$r_p99 ms, errors $r_err, CPU ms/tx pgbench $r_cpu postgres $r_cpg; other processes $r_oth cores"
            w=$warmup
            if [ "$first" = 1 ]; then w=$((warmup + first_warmup)); first=0; fi
            http_args=(--manifest "$manifest" --base-url "$base_url" --cards "$c_set" --clients "$c" --seconds "$seconds"
                       --warmup "$w" --money "$money" --tag "$tag-$c_set$c" --clock-ticks "$ticks"
                       --report "$out/http-$c_set-$c.md")
            [ -n "$service_pid" ] && http_args+=(--service-pid "$service_pid")
            [ -n "$postmaster_pid" ] && http_args+=(--postmaster-pid "$postmaster_pid")
            bench/java.sh PaymentBench "${http_args[@]}" > "$logs/http-$c_set-$c.out" 2>&1 || true
            line=$(grep -m1 '^RESULT' "$logs/http-$c_set-$c.out" || true)
            if [ -z "$line" ]; then
                echo "   HTTP run failed:" >&2
                tail -n 20 "$logs/http-$c_set-$c.out" >&2
                h_tps=0; h_p50=nan; h_p95=nan; h_p99=nan; h_err=failed; h_answers=failed; h_cc=nan; h_cs=nan; h_cp=nan; h_oth=nan
            else
                field() { grep -oP "(^| )$1=\K[^ ]+" <<< "$line"; }
                h_tps=$(field tps); h_p50=$(field p50); h_p95=$(field p95); h_p99=$(field p99)
                h_err=$(field errors); h_answers=$(field answers)
                h_cc=$(field cpu_client); h_cs=$(field cpu_service); h_cp=$(field cpu_postgres); h_oth=$(field other_cores)
            fi
            echo "   HTTP: $h_tps pay/s, p50/p95/p99 $h_p50/$h_p95/$h_p99 ms, errors $h_err ($h_answers), CPU ms/payment client $h_cc service $h_cs postgres $h_cp; other processes $h_oth cores"
            la_after=$(load_avg)
            printf '%s\n' "$c_set	$c	$r_tps	$r_p50	$r_p95	$r_p99	$r_err	$r_cpu	$r_cpg	$h_tps	$h_p50	$h_p95	$h_p99	$h_err	$h_answers	$h_cc	$h_cs	$h_cp	$r_oth	$h_oth	$la_before	$la_after" >> "$results"
        done
    done
    finished_load=$(load_avg)

    # ------------------------------------------------------------------ reconciliation

    recon="not run"
    if [ "$reconcile" = 1 ] && command -v curl > /dev/null; then
        token=$(curl -s -X POST "$base_url/api/v1/auth/login" -H 'Content-Type: application/json' \
            -d "{\"username\":\"$(prop tenantAdminUsername)\",\"password\":\"$(prop tenantAdminPassword)\"}" \
            | grep -oP '"token":"\K[^"]+' || true)
        if [ -n "$token" ]; then
            answer=$(curl -s --max-time 600 "$base_url/api/v1/ledger/reconciliation" -H "Authorization: Bearer $token")
            checked=$(grep -oP '"cardsChecked":\K[0-9]+' <<< "$answer" || echo "?")
            if grep -q '"differences":\[\]' <<< "$answer"; then
                recon="$checked cards checked, no differences"
            else
                recon="$checked cards checked, DIFFERENCES: $(head -c 300 <<< "$answer")"
            fi
        else
            recon="login as the tenant administrator failed"
        fi
    fi

    printf '%s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$started_load" "$finished_load" "$recon" "$money" "$points" "$warmup" "$seconds" "$threads${raw_plan_mode:+, plan_cache_mode $raw_plan_mode}" "$note" > "$out/run.txt"
fi
{ read -r run_date; read -r started_load; read -r finished_load; read -r recon; read -r money; read -r points; read -r warmup; read -r seconds
  read -r threads; read -r note_run; } < "$out/run.txt"
[ -n "$note" ] || note="$note_run"

# ------------------------------------------------------------------ the table

ratio() { awk -v h="$1" -v r="$2" 'BEGIN { if (r != "nan" && h != "nan" && r > 0) printf "%.1f%%", 100 * h / r; else print "-" }'; }
# the 3-statement reference's TPS for a card choice and clients (above 32 clients: at 32), or 0
reference() { # cards clients
    local script=pay_uniform c=$2
    [ "$1" = hot ] && script=pay_hot
    [ "$c" -gt 32 ] && c=32
    sed -nE "s/^anchor $script clients=$c tps=([0-9.]+).*/\1/p" "$out/anchor.txt" 2>/dev/null | head -n1 | grep . || echo 0
}
# HTTP TPS of a card choice at some clients, from this run's results, or 0
http_at() { # cards clients
    awk -F'\t' -v cs="$1" -v c="$2" '$1 == cs && $2 == c { print $10; found = 1 } END { if (!found) print 0 }' "$results"
}
verdict() { # condition text
    if awk "BEGIN { exit !($1) }" 2>/dev/null; then echo "met"; else echo "**missed**"; fi
}
{
    echo "Card payment benchmark (op23), $run_date, repository HEAD $(git rev-parse --short HEAD 2>/dev/null || echo '?'):"
    [ -n "$note" ] && echo "$note"
    echo "$base_url, $members funded cards ($(prop fundedYuan) yuan each; hot card $(prop hotCardCode), $(prop hotCardYuan) yuan),"
    echo "$money yuan per payment ($points points), $warmup s warm-up + $seconds s per run, pgbench -M prepared -j $threads,"
    echo "$(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), load average $started_load before, $finished_load after."
    echo
    if [ -s "$out/anchor.txt" ]; then
        echo "Reference payment (../shared/bench/anchor, pgbench on the same PostgreSQL in this run):"
        echo
        echo '| reference | clients | TPS | p99 ms |'
        echo '|---|---:|---:|---:|'
        sed -nE 's/^anchor ([a-z_]+) clients=([0-9]+) tps=([0-9.]+) p99_ms=([0-9.]+)$/| \1 | \2 | \3 | \4 |/p' "$out/anchor.txt"
        echo
    fi
    printf '| cards | clients | raw TPS | raw / ref | HTTP TPS | HTTP / ref | HTTP/raw | HTTP / HTTP at 8 | raw p50/p95/p99 ms | HTTP p50/p95/p99 ms | raw errors | HTTP errors | CPU ms/payment raw: pgbench, postgres | CPU ms/payment HTTP: client, service, postgres |'
    printf ' other processes, cores: raw, HTTP | load avg before → after |\n'
    printf '|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---|---|---|---|---|\n'
    while IFS=$'\t' read -r cs c rt r50 r95 r99 rerr rcpu rcpg ht h50 h95 h99 herr hans hcc hcs hcp roth hoth lab laa; do
        errs="$herr"
        [ "$hans" != "-" ] && errs="$herr ($hans)"
        ref=$(reference "$cs" "$c")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s / %s / %s | %s | %s | %s, %s | %s, %s, %s |' \
            "$cs" "$c" "$rt" "$(ratio "$rt" "$ref")" "$ht" "$(ratio "$ht" "$ref")" "$(ratio "$ht" "$rt")" \
            "$(ratio "$ht" "$(http_at "$cs" 8)")" "$r50" "$r95" "$r99" "$h50" "$h95" "$h99" "$rerr" "$errs" \
            "$rcpu" "$rcpg" "$hcc" "$hcs" "$hcp"
        printf ' %s, %s | %s → %s |\n' "$roth" "$hoth" "$lab" "$laa"
    done < "$results"
    echo
    echo "\"ref\" is the 3-statement reference payment at the same clients (pay_uniform for random cards, pay_hot for"
    echo "the hot card; 32 clients' for more). Targets of issue 11:"
    while IFS=$'\t' read -r cs c rt r50 r95 r99 rerr rcpu rcpg ht h50 h95 h99 herr hans hcc hcs hcp rest; do
        ref=$(reference "$cs" "$c")
        if [ "$c" -le 32 ]; then
            echo "- $cs, $c clients: raw >= 60% of the reference: $(ratio "$rt" "$ref") — $(verdict "$ref > 0 && $rt >= 0.6 * $ref");" \
                "HTTP >= 80% of raw: $(ratio "$ht" "$rt") — $(verdict "$rt > 0 && $ht >= 0.8 * $rt")"
        fi
        if [ "$c" -gt 8 ]; then
            h8=$(http_at "$cs" 8)
            echo "- $cs, $c clients: HTTP >= 95% of HTTP at 8 clients: $(ratio "$ht" "$h8") — $(verdict "$h8 > 0 && $ht >= 0.95 * $h8")"
        fi
        if [ "$cs" = random ] && { [ "$c" = 8 ] || [ "$c" = 32 ]; }; then
            limit=$([ "$c" = 8 ] && echo 10 || echo 30)
            echo "- random, $c clients: HTTP p99 <= $limit ms: $h99 ms — $(verdict "\"$h99\" != \"nan\" && $h99 <= $limit")"
        fi
        if [ "$cs" = hot ]; then
            other=$(tr ',' '\n' <<< "$hans" | grep -v '^605:' | grep -v '^-$' || true)
            echo "- hot card, $c clients: no error but 605: $([ -z "$other" ] && echo met || echo "**missed** ($hans)")"
        fi
    done < "$results"
    echo
    echo "Ledger reconciliation after the runs (GET /api/v1/ledger/reconciliation): $recon."
} > "$report.tmp"
mv "$report.tmp" "$report"
echo
cat "$report"
echo
echo "Markdown: $report; pgbench logs and the HTTP output under $logs"
