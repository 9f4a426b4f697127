#!/usr/bin/env bash
# Runs every benchmark scenario against Herald (io.herald.bench.HeraldBenchServer) and the Node.js reference
# (bench/node-reference/server.js, socket.io 4.8.x) in the same run, one after the other, and prints one table
# with the Herald/Node ratio on every row. See docs/BENCHMARKS.md.
# Server CPU is shown in total and split into user and system time, because on loopback the kernel charges the
# receiving side's TCP processing (softirq) to the system time of the server that sends.
#
#   bench/compare.sh [--smoke]
#
# --smoke       every scenario tiny (50 connections, about a second each); finishes in about a minute.
# Environment:  BENCH_OUT=dir (results; default a temp dir), BENCH_ONLY="echo fanout-1k" (a subset),
#               BENCH_HERALD_JAVA_OPTS (JVM options of the Herald server), BENCH_LOOPS (Herald event loops, 2),
#               BENCH_CLASSPATH (use this class path and skip the Maven build; set by CompareSmokeTest),
#               BENCH_JFR=file.jfr (record the Herald server of the fanout-1k scenario with JFR).
# Exits non-zero only if a scenario fails to run, never because of speed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SMOKE=0
for a in "$@"; do
  case $a in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $a (expected: [--smoke])" >&2; exit 2 ;;
  esac
done

# shellcheck source=../bin/lib/java.sh
. "$ROOT/bin/lib/java.sh"
JAVA="$JAVA_HOME/bin/java"

if [ -n "${BENCH_CLASSPATH:-}" ]; then
  CP=$BENCH_CLASSPATH
else
  echo "== building herald-bench" >&2
  ./mvnw -q -B -DskipTests -pl herald-bench -am package >&2
  CP="$ROOT/herald-bench/target/herald-bench.jar"
fi

command -v node >/dev/null || { echo "error: node is not installed (needed for the reference server)" >&2; exit 1; }
if [ ! -d bench/node-reference/node_modules/socket.io ] ||
   [ bench/node-reference/package-lock.json -nt bench/node-reference/node_modules/.package-lock.json ]; then
  echo "== npm ci in bench/node-reference" >&2
  (cd bench/node-reference && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

HARD=$(ulimit -Hn)
ulimit -n "$HARD" || true
echo "== open files limit: $(ulimit -n)" >&2

SERVER_PIN=()
GEN_PIN=()
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  SERVER_PIN=(taskset -c 0)
  GEN_PIN=(taskset -c 1)
  PINNING="servers on core 0, load generator on core 1"
else
  PINNING="no pinning (taskset missing or fewer than 2 cores)"
fi
echo "== $PINNING" >&2

OUT=${BENCH_OUT:-$(mktemp -d -t herald-bench.XXXXXX)}
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: >"$RESULTS"
LOOPS=${BENCH_LOOPS:-2}
HERALD_OPTS=${BENCH_HERALD_JAVA_OPTS:-"-XX:+UseSerialGC -Xms32m -Xmx2g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"}
GEN_OPTS="-XX:+UseParallelGC -Xms256m -Xmx2g"
PORT_BASE=$((20000 + RANDOM % 20000))

# name  scenario  generator arguments
if [ "$SMOKE" = 1 ]; then
  SCENARIOS=(
    "connect      connect      --conns 50"
    "connect-jwt  connect-jwt  --conns 50"
    "idle-10k     idle         --conns 50 --duration 0.2 --settle 0.2"
    "idle-max     idle         --conns 80 --duration 0.2 --settle 0.2"
    "echo         echo         --conns 10 --duration 0.5 --warmup 0.2"
    "fanout-1k    fanout       --conns 50 --rate 20 --duration 0.5 --warmup 0.2"
    "fanout-10k   fanout       --conns 80 --rate 10 --duration 0.5 --warmup 0.2"
    "chat         chat         --conns 50 --rate 4 --duration 0.5 --warmup 0.2"
  )
else
  MAX=$((HARD - 1000))
  [ "$MAX" -gt 100000 ] && MAX=100000
  SCENARIOS=(
    "connect      connect      --conns 10000"
    "connect-jwt  connect-jwt  --conns 10000"
    "idle-10k     idle         --conns 10000 --duration 5"
    "idle-max     idle         --conns $MAX --duration 5"
    "echo         echo         --conns 100 --duration 15 --warmup 5"
    "fanout-1k    fanout       --conns 1000 --rate 10 --duration 15 --warmup 5"
    "fanout-1k-50 fanout       --conns 1000 --rate 50 --duration 15 --warmup 5"
    "fanout-10k   fanout       --conns 10000 --rate 1 --duration 20 --warmup 10"
    "chat         chat         --conns 2000 --rate 2 --duration 15 --warmup 5"
  )
fi

wait_port() {
  local port=$1 pid=$2 i
  for i in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

stop_server() {
  local pid=$1
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null; true' EXIT

FAILED=0
n=0
for line in "${SCENARIOS[@]}"; do
  read -r name scenario args <<<"$line"
  if [ -n "${BENCH_ONLY:-}" ] && [[ " $BENCH_ONLY " != *" $name "* ]]; then continue; fi
  for server in herald node; do
    n=$((n + 1))
    port=$((PORT_BASE + n))
    log="$OUT/$name-$server.log"
    if [ "$server" = herald ]; then
      jfr=()
      if [ -n "${BENCH_JFR:-}" ] && [ "$name" = fanout-1k ]; then
        jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile")
      fi
      # shellcheck disable=SC2086
      "${SERVER_PIN[@]}" "$JAVA" $HERALD_OPTS "${jfr[@]}" --enable-native-access=ALL-UNNAMED -cp "$CP" \
        io.herald.bench.HeraldBenchServer --port "$port" --host 127.0.0.1 --loops "$LOOPS" >"$log" 2>&1 &
    else
      "${SERVER_PIN[@]}" node --expose-gc bench/node-reference/server.js --port "$port" --host 127.0.0.1 \
        >"$log" 2>&1 &
    fi
    SERVER_PID=$!
    if ! wait_port "$port" "$SERVER_PID"; then
      echo "{\"scenario\":\"$name\",\"server\":\"$server\",\"ok\":false,\"error\":\"server did not start, see $log\"}" >>"$RESULTS"
      FAILED=1
      stop_server "$SERVER_PID"
      continue
    fi
    echo "== $name on $server ($args)" >&2
    # shellcheck disable=SC2086
    if ! "${GEN_PIN[@]}" "$JAVA" $GEN_OPTS --enable-native-access=ALL-UNNAMED -cp "$CP" io.herald.bench.LoadGen \
        --scenario "$scenario" --name "$name" --label "$server" --port "$port" --server-pid "$SERVER_PID" \
        --timeout $([ "$SMOKE" = 1 ] && echo 30 || echo 240) $args \
        >"$OUT/$name-$server.json" 2>"$OUT/$name-$server.gen.log"; then
      FAILED=1
      echo "   failed: $(tail -c 400 "$OUT/$name-$server.json" 2>/dev/null)" >&2
    fi
    if grep -q '^{' "$OUT/$name-$server.json"; then
      grep '^{' "$OUT/$name-$server.json" | tail -n 1 >>"$RESULTS"
    else
      echo "{\"scenario\":\"$name\",\"server\":\"$server\",\"ok\":false,\"error\":\"no result, see $OUT/$name-$server.gen.log\"}" >>"$RESULTS"
      FAILED=1
    fi
    stop_server "$SERVER_PID"
    SERVER_PID=
  done
done

echo
echo "Herald vs Node socket.io $(node -e "console.log(require('./bench/node-reference/node_modules/socket.io/package.json').version)" 2>/dev/null || echo 4.8) on $(nproc) cores ($PINNING); Java $HERALD_JAVA_VERSION, node $(node --version); load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$JAVA" -cp "$CP" io.herald.bench.Report "$RESULTS" herald node || FAILED=1
echo
echo "results: $RESULTS"
exit "$FAILED"
