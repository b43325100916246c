#!/usr/bin/env bash
# One side of a before/after payment benchmark: starts the jar of a checkout on a new data directory,
# loads 100,000 funded cards and runs payment-bench.sh (random cards, 8 and 32 clients), then stops it.
# Run it for the "before" checkout (e.g. a `git worktree add` of the older commit, packaged with
# `mvn -q package -DskipTests`) and then for this one, one after the other on an otherwise idle machine:
#
#   bench/payment-one-side.sh NAME CHECKOUT_DIR PORT     # report in /tmp/bench-NAME.md
#
# Each side uses its own checkout's bench scripts, so both speak to their own database as they must.
set -u
name=$1 repo=$2 port=$3
data=/tmp/bench-$name
rm -rf "$data"; mkdir -p "$data"
cd "$repo"
MEMBERCARD_DATA_DIR=$data SERVER_PORT=$port MEMBERCARD_ADMIN_USERNAME=admin MEMBERCARD_ADMIN_PASSWORD=admin-pass \
  java -jar target/membercard-0.1.0-SNAPSHOT.jar > "/tmp/bench-$name-service.log" 2>&1 &
service=$!
for i in $(seq 1 120); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 1; done
echo "service up after $i s"
bench/payment-bench.sh --data-dir "$data" --load 100000 --base-url "http://localhost:$port" --cards random \
  --clients "8 32" --seconds 20 --first-warmup 120 --report "/tmp/bench-$name.md" --note "$name"
status=$?
kill "$service"; wait "$service" 2>/dev/null
exit $status
