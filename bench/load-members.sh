#!/usr/bin/env bash
# Runs bench/LoadMembers.java; all arguments go to the loader; see --help.
exec "$(dirname "$0")/java.sh" LoadMembers "$@"
