#!/usr/bin/env bash
# Starts N embedded PostgreSQL nodes for the sharded mode and writes DIR/shards.env (bench/ShardNodes.java,
# run with the service's jar: MEMBERCARD_JAR, default target/membercard-*.jar); see --help.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=${MEMBERCARD_JAR:-$(ls target/membercard-*.jar 2>/dev/null | head -n1)}
[ -f "$jar" ] || { echo "no service jar: mvn -B -q package -DskipTests, or MEMBERCARD_JAR=<jar>" >&2; exit 1; }
MEMBERCARD_JAR=$(realpath "$jar") exec bench/java.sh ShardNodes "$@"
