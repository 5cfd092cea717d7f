#!/usr/bin/env bash
# One local node beside a 3-node cluster on loopback (all on this machine), same jar, same
# `dfs bench` runs, back to back: 1 GiB PUT, 1 GiB GET, 4 KiB PUT and GET with 32 clients.
# The cluster is driven through its leader and through a follower (which forwards writes).
#   [BENCH_PORT=19700] bench/cluster-vs-local.sh [server/target/dfs-VERSION.jar]
# Prints one line per run (MB/s for 1 GiB objects, ops/s for 4 KiB) with the CPU time all
# server processes used per operation (utime+stime from /proc/<pid>/stat, summed over the
# nodes: robust on a machine shared with other work, where wall figures are not), and keeps
# the JSON under bench/out/. Servers listen on BENCH_PORT.. (S3) and BENCH_PORT+111.. (cluster).
# The CPU window holds the measured operations only: every run's warm-up and prefill is a
# `dfs bench` call of its own before it (BENCH_WARMUP long, default 10s), no run deletes its
# objects (the data directories go at exit; a delete is a metadata commit too), and the
# window opens once the client's JVM has started.
# BENCH_COUNT: 1 GiB objects per run (default 3). BENCH_DURATION: each 4 KiB run (default
# 20s). BENCH_JVM_OPTS: JVM options added to every server (e.g. a JFR recording per node).
# BENCH_ONLY=REGEX runs only the runs whose label matches (e.g. 'put-1GiB' or '^cluster');
# an engine none of whose runs match is not started. Every server it starts is stopped by PID
# on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR=${1:-$(ls -t "$ROOT"/server/target/dfs-[0-9]*.jar | grep -v -e -tests.jar | head -1)}
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT="$ROOT/bench/out/cluster-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
AK=benchaccesskey; SK=benchsecretkey0123456789
MASTER=$(head -c 32 /dev/urandom | base64)
PIDS=()
P=${BENCH_PORT:-19700}
stop_all() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done; PIDS=(); }
CLIENT=""
trap '[ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null; stop_all; rm -rf "$OUT"/data-*' EXIT

wait_ready() { for _ in $(seq 1 1800); do
  curl -sf -o /dev/null "http://127.0.0.1:$1/api/v1/ready" && return 0; sleep 0.1; done
  echo "server on port $1 did not become ready" >&2; return 1; }

start_local() {
  DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK "$JAVA" -Xmx512m ${BENCH_JVM_OPTS:-} -jar "$JAR" server \
    --host 127.0.0.1 --port "$P" --data-dir "$OUT/data-local" >"$OUT/local.log" 2>&1 &
  PIDS+=($!); wait_ready "$P"
}

start_cluster() {
  local seeds=n1=127.0.0.1:$((P + 111)),n2=127.0.0.1:$((P + 121)),n3=127.0.0.1:$((P + 131))
  for i in 1 2 3; do
    STORAGE_ENV=cluster DFS_CLUSTER_SECRET=bench-cluster-secret-0123 DFS_CLUSTER_SEEDS=$seeds \
    DFS_NODE_ID=n$i DFS_CLUSTER_ADDRESS=127.0.0.1:$((P + 101 + 10 * i)) DFS_MASTER_KEY=$MASTER \
    DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK "$JAVA" -Xmx512m ${BENCH_JVM_OPTS:-} -jar "$JAR" server \
      --host 127.0.0.1 --port $((P + i)) --data-dir "$OUT/data-n$i" >"$OUT/n$i.log" 2>&1 &
    PIDS+=($!)
  done
  for i in 1 2 3; do wait_ready $((P + i)); done
}

# the S3 port of the node that admits writes; waits for one (ready nodes may still be electing:
# falling back to any node would drive the "leader" runs through a follower that forwards)
# (the page is read whole first: `curl | grep -q` fails under pipefail once grep stops reading)
leader_port() { local m; for _ in $(seq 1 600); do for i in 1 2 3; do
  m=$(curl -s "http://127.0.0.1:$((P + i))/metrics" -H "X-Api-Key: $(api_key n$i)" || true)
  grep -q '^dfs_cluster_is_leader{[^}]*} 1' <<<"$m" && { echo $((P + i)); return; }; done; sleep 0.1; done
  echo "no cluster node admits writes" >&2; return 1; }
api_key() { sed -n 's/^apiKey=//p' "$OUT/data-$1/root-credentials.properties"; }

# CPU seconds (utime+stime) all running servers used so far
server_cpu() { local t=0; for p in "${PIDS[@]:-}"; do
  [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done
  awk -v t="$t" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.3f", t / hz }'; }

wanted() { [[ "$1" =~ ${BENCH_ONLY:-.} ]]; }

bench() { # port args...: one `dfs bench` call that keeps its objects
  local port=$1; shift
  AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK "$JAVA" -Xmx1g -jar "$JAR" bench \
    --endpoint "http://127.0.0.1:$port" --progress none --no-cleanup "$@"
}

prep() { # label port args...: the unmeasured warm-up or prefill before run "label"
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  bench "$port" "$@" >>"$OUT/$label.prep.txt" 2>&1 || true
}

run() { # label port args...
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  # the window opens when the client prints its headline: its JVM's start (seconds on a loaded
  # machine, while a cluster's three JVMs use CPU idling) stays out of it
  bench "$port" --json "$OUT/$label.json" "$@" >"$OUT/$label.txt" 2>&1 &
  CLIENT=$!
  while kill -0 "$CLIENT" 2>/dev/null && [ ! -s "$OUT/$label.txt" ]; do sleep 0.05; done
  local cpu0; cpu0=$(server_cpu)
  wait "$CLIENT" || true; CLIENT=""
  local cpu1; cpu1=$(server_cpu)
  python3 - "$OUT/$label.json" "$label" "$cpu0" "$cpu1" <<'EOF'
import json, sys
try:
    t = json.load(open(sys.argv[1]))["total"]
    big = t["ops"] and t["bytes"] / t["ops"] >= 1e6
    fig = f'{t["mbPerSec"]:.1f} MB/s' if big else f'{t["opsPerSec"]:.0f} ops/s'
    # the window also holds the client's bucket check and report: an upper bound per op
    cpu = (float(sys.argv[4]) - float(sys.argv[3])) * 1000 / max(1, t["ops"])
    cpu_fig = f'{cpu / 1000 * 1024**3 / (t["bytes"] / t["ops"]):.2f} s CPU/GiB' if big else f'{cpu:.2f} ms CPU/op'
    print(f'{sys.argv[2]:<28} {fig:>14}   p50 {t["latencyMs"]["p50"]:.1f} ms   p99 {t["latencyMs"]["p99"]:.1f} ms   {cpu_fig}')
except Exception as e:
    print(f'{sys.argv[2]:<28} failed ({e})')
EOF
}

idle() { # label: CPU the running servers use in 10 s without requests (heartbeats, polls, timers)
  wanted "$1 idle" || return 0
  local cpu0; cpu0=$(server_cpu); sleep 10
  awk -v a="$cpu0" -v b="$(server_cpu)" -v l="$1 idle" 'BEGIN { printf "%-28s %8.1f ms CPU/s\n", l, (b - a) * 100 }'
}

W=${BENCH_WARMUP:-10s}; D=${BENCH_DURATION:-20s}
big() { echo --size 1GiB -c 1 --keys 1 --key-prefix big; }
small_put() { echo --mode put --size 4KiB -c 32; }
small_get() { echo --mode get --size 4KiB -c 32 --keys 2000 --key-prefix small; }

workloads() { # prefix port
  run "$1 put-1GiB" "$2" --mode put $(big) --count "${BENCH_COUNT:-3}"
  prep "$1 get-1GiB" "$2" --mode get $(big) --count 1
  run "$1 get-1GiB" "$2" --mode get $(big) --count "${BENCH_COUNT:-3}" --skip-prefill
  small "$1" "$2"
}

small() { # prefix port: 4 KiB PUT and GET, each after its warm-up (the first GET warm-up prefills)
  prep "$1 put-4KiB-c32" "$2" $(small_put) -d "$W" --key-prefix "warm-$1"
  run "$1 put-4KiB-c32" "$2" $(small_put) -d "$D" --key-prefix "put-$1"
  prep "$1 get-4KiB-c32" "$2" $(small_get) -d "$W" $([ -n "${PREFILLED:-}" ] && echo --skip-prefill)
  run "$1 get-4KiB-c32" "$2" $(small_get) -d "$D" --skip-prefill
}

echo "dfs bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, every server on this machine"
if wanted "local idle" || wanted "local put-1GiB" || wanted "local get-1GiB" || wanted "local put-4KiB-c32" || wanted "local get-4KiB-c32"; then
  start_local; idle local; workloads local "$P"; stop_all
fi
start_cluster; L=$(leader_port); F=$((P + 1)); [ "$L" = "$F" ] && F=$((P + 2))
echo "cluster leader: S3 port $L, follower: $F"; idle cluster
workloads "cluster-leader" "$L"
# the follower reads the objects the leader's runs wrote (when they ran)
wanted "cluster-leader get-4KiB-c32" && PREFILLED=1; small "cluster-follower" "$F"
stop_all
echo "results: $OUT"
