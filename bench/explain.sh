#!/usr/bin/env bash
# Prints EXPLAIN (ANALYZE, BUFFERS) of the benchmarked reads (bench/explain.sql) on a loaded database,
# with values taken from the loader's manifest. Needs psql.
#   bench/explain.sh (--data-dir DIR | --db-port N) [--db-user U] [--manifest bench/target/dataset.properties]
#                    [--fragment 王伟] [--sample K]
#   bench/explain.sh --business-day (--data-dir DIR | --db-port N) [--manifest FILE]
#                    issue 12's statements instead (bench/explain-business-day.sql) on the --bills data
#                    set (default manifest bench/target/business-day/dataset.properties)
# --data-dir is the service's MEMBERCARD_DATA_DIR (the port is read from postgres/postmaster.pid, the
# password of --db-user, default membercard_app, from postgres.pgpass; else PGPASSWORD or PGPASSFILE);
# --fragment replaces the sampled 2-character name fragment; --sample picks another sampled member.
set -euo pipefail
cd "$(dirname "$0")/.."

manifest=bench/target/dataset.properties
port=""
db_user=membercard_app
fragment=""
sample=1
business_day=""
while [ $# -gt 0 ]; do
    case "$1" in
        --db-port) port="$2"; shift 2 ;;
        --data-dir) port=$(sed -n 4p "$2/postgres/postmaster.pid")
                    if [ -z "${PGPASSWORD:-}" ] && [ -f "$2/postgres.pgpass" ]; then
                        export PGPASSFILE
                        PGPASSFILE=$(realpath "$2/postgres.pgpass")
                    fi
                    shift 2 ;;
        --db-user) db_user="$2"; shift 2 ;;
        --manifest) manifest="$2"; shift 2 ;;
        --fragment) fragment="$2"; shift 2 ;;
        --sample) sample="$2"; shift 2 ;;
        --business-day) business_day=1
                        [ "$manifest" = bench/target/dataset.properties ] && manifest=bench/target/business-day/dataset.properties
                        shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -n "$port" ] || { echo "--data-dir or --db-port is required" >&2; exit 2; }

prop() { grep -m1 "^$1=" "$manifest" | cut -d= -f2-; }
if [ -n "$business_day" ]; then
    last=$(prop lastDay)
    exec env PGCONNECT_TIMEOUT=5 psql -X -h 127.0.0.1 -p "$port" -U "$db_user" -d membercard \
        -v tenant="$(prop tenantId)" -v shop="$(prop heavyShopIds | cut -d, -f1)" -v day="$(prop heavyDay)" \
        -v from="$(date -d "$last - 30 days" +%F)" -v to="$last" -f bench/explain-business-day.sql
fi
samples="$(dirname "$manifest")/$(prop samples)"
# the 3rd level and the 7th shop: any pair holds ~1/100 of the members
level=$(prop levelIds | cut -d, -f3)
shop=$(prop shopIds | cut -d, -f7)
# one sampled member (line 1 is the header)
IFS=$'\t' read -r member_id _code _name phone card_code _secret sample_fragment \
    < <(sed -n "$((sample + 1))p" "$samples")

PGCONNECT_TIMEOUT=5 psql -X -h 127.0.0.1 -p "$port" -U "$db_user" -d membercard \
    -v tenant="$(prop tenantId)" -v level="$level" -v shop="$shop" -v member_id="$member_id" \
    -v phone="$phone" -v card_code="$card_code" -v fragment="${fragment:-$sample_fragment}" \
    -f bench/explain.sql
