#!/usr/bin/env bash
# Runs bench/LoadMembers.java with the PostgreSQL JDBC driver from the local Maven repository
# (the service's own build has put it there). All arguments go to the loader; see --help.
set -euo pipefail
cd "$(dirname "$0")/.."

repo="${MAVEN_REPO:-$HOME/.m2/repository}/org/postgresql/postgresql"
jar=$(ls -d "$repo"/*/ 2>/dev/null | xargs -n1 basename | sort -V | tail -n 1)
if [ -z "$jar" ] || [ ! -f "$repo/$jar/postgresql-$jar.jar" ]; then
    echo "No PostgreSQL driver under $repo: build the service once (mvn package) to fetch it." >&2
    exit 1
fi
exec java -Xmx1g -cp "$repo/$jar/postgresql-$jar.jar" bench/LoadMembers.java "$@"
