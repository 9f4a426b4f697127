#!/usr/bin/env bash
# Bounded soak of the Herald gateway: starts a gateway process, holds 5,000 Socket.IO connections with churn and
# traffic for 10 minutes (by default), samples heap / RSS / latency every 30 s into a CSV, then stops it with
# SIGTERM. See docs/RELIABILITY.md. Any flag of io.herald.server.reliability.soak.SoakOptions can be passed:
#
#   soak/soak.sh                                   # the full run: 5000 connections, 10 minutes
#   soak/soak.sh --connections 500 --duration 60   # a short one
#
# Needs a JDK (JAVA_HOME) and Maven; compiles the tests (no clean, no install) and reads the test classpath.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mvn -B -q -pl herald-server -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/soak-classpath.txt -Dmdep.includeScope=test
classpath="herald-server/target/test-classes:herald-server/target/classes:$(cat herald-server/target/soak-classpath.txt)"
mkdir -p soak/results
echo "load before: $(uptime)"
status=0
"$JAVA_HOME/bin/java" -Xmx1g -cp "$classpath" io.herald.server.reliability.soak.SoakMain \
  --csv "soak/results/soak-$stamp.csv" "$@" || status=$?
echo "load after: $(uptime)"
exit $status
