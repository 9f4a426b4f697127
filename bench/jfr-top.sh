#!/usr/bin/env bash
# Summarises the CPU samples of a JFR recording by frame:
#   bench/jfr-top.sh recording.jfr [N]
# prints the N (default 25) hottest top frames (self time), the hottest methods counted anywhere on the stack
# (inclusive time, once per sample), and the same restricted to io.herald. Uses `jfr print --events
# jdk.ExecutionSample` from the JDK that bin/lib/java.sh finds.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=../bin/lib/java.sh
. "$ROOT/bin/lib/java.sh"
FILE=${1:?usage: bench/jfr-top.sh recording.jfr [N]}
N=${2:-25}
TMP=$(mktemp)
trap 'rm -f "$TMP"' EXIT
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$FILE" >"$TMP"
TOTAL=$(grep -c 'jdk.ExecutionSample' "$TMP" || true)
echo "samples: $TOTAL"
awk -v n="$N" -v total="$TOTAL" '
  /stackTrace = \[/ { inStack = 1; depth = 0; delete seen; next }
  inStack && /^[[:space:]]*\]/ { inStack = 0; next }
  inStack {
    f = $0; sub(/^[[:space:]]+/, "", f); sub(/[[:space:]]+line:.*$/, "", f); sub(/\(.*$/, "", f)
    if (f == "...") next
    if (depth == 0) self[f]++
    if (!(f in seen)) { seen[f] = 1; incl[f]++ }
    depth++
  }
  END {
    print "\n== top frames (self)"
    for (f in self) printf "%6d %5.1f%%  %s\n", self[f], 100 * self[f] / total, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    print "\n== io.herald methods (inclusive)"
    for (f in incl) if (f ~ /^io\.herald\.core/) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
    print "\n== all methods (inclusive)"
    for (f in incl) printf "%6d %5.1f%%  %s\n", incl[f], 100 * incl[f] / total, f | "sort -rn | head -" n
    close("sort -rn | head -" n)
  }' "$TMP"
