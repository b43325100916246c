#!/usr/bin/env bash
# Compiles the benchmark programs (bench/*.java, JDK only plus the PostgreSQL JDBC driver from the
# local Maven repository, which the service's own build has put there) into bench/target/classes
# and runs the one named first: bench/java.sh ReadBench --help. With MEMBERCARD_JAR=<the service's jar>
# the program runs with the service's classes too (bench/shard-nodes.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

repo="${MAVEN_REPO:-$HOME/.m2/repository}/org/postgresql/postgresql"
version=$(ls -d "$repo"/*/ 2>/dev/null | xargs -n1 basename | sort -V | tail -n 1)
driver="$repo/$version/postgresql-$version.jar"
if [ -z "$version" ] || [ ! -f "$driver" ]; then
    echo "No PostgreSQL driver under $repo: build the service once (mvn package) to fetch it." >&2
    exit 1
fi
classes=bench/target/classes
if [ ! -d "$classes" ] || [ -n "$(find bench -maxdepth 1 -name '*.java' -newer "$classes")" ]; then
    rm -rf "$classes"
    mkdir -p "$classes"
    javac -encoding UTF-8 -nowarn -cp "$driver" -d "$classes" bench/*.java
fi
program="$1"
shift
if [ -n "${MEMBERCARD_JAR:-}" ]; then
    # a program that calls the service's own classes (ShardNodes): the jar's launcher runs it, with
    # these classes on its loader path (the jar's libraries hold the driver)
    exec java -Xmx1g -cp "$MEMBERCARD_JAR" -Dloader.path="$(realpath "$classes")" -Dloader.main="$program" \
        org.springframework.boot.loader.launch.PropertiesLauncher "$@"
fi
exec java -Xmx1g -cp "$classes:$driver" "$program" "$@"
