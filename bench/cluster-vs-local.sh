#!/usr/bin/env bash
# One local node beside a 3-node cluster on loopback (all on this machine), same jar, same
# `dfs bench` runs, back to back: 1 GiB PUT, 1 GiB GET, 4 KiB PUT and GET with 32 clients
# (BENCH_CLIENTS).
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
# 20s). BENCH_CLIENTS: concurrent clients of the 4 KiB runs (default 32; the labels say it,
# e.g. put-4KiB-c1). BENCH_JVM_OPTS: JVM options added to every server (e.g. a JFR recording
# per node).
# BENCH_ONLY=REGEX runs only the runs whose label matches (e.g. 'put-1GiB' or '^cluster');
# an engine none of whose runs match is not started. Every server it starts is stopped by PID
# on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
bench_init cluster "${1:-}"

start_local() {
  DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK "$JAVA" -Xmx512m ${BENCH_JVM_OPTS:-} -jar "$JAR" server \
    --host 127.0.0.1 --port "$P" --data-dir "$OUT/data-local" >"$OUT/local.log" 2>&1 &
  PIDS+=($!); wait_ready "$P"
}

idle() { # label: CPU the running servers use in 10 s without requests (heartbeats, polls, timers)
  wanted "$1 idle" || return 0
  local cpu0; cpu0=$(server_cpu); sleep 10
  awk -v a="$cpu0" -v b="$(server_cpu)" -v l="$1 idle" 'BEGIN { printf "%-28s %8.1f ms CPU/s\n", l, (b - a) * 100 }'
}

W=${BENCH_WARMUP:-10s}; D=${BENCH_DURATION:-20s}; C=${BENCH_CLIENTS:-32}
big() { echo --size 1GiB -c 1 --keys 1 --key-prefix big; }
small_put() { echo --mode put --size 4KiB -c "$C"; }
small_get() { echo --mode get --size 4KiB -c "$C" --keys 2000 --key-prefix small; }

workloads() { # prefix port
  run "$1 put-1GiB" "$2" --mode put $(big) --count "${BENCH_COUNT:-3}"
  prep "$1 get-1GiB" "$2" --mode get $(big) --count 1
  run "$1 get-1GiB" "$2" --mode get $(big) --count "${BENCH_COUNT:-3}" --skip-prefill
  small "$1" "$2"
}

small() { # prefix port: 4 KiB PUT and GET, each after its warm-up (the first GET warm-up prefills)
  prep "$1 put-4KiB-c$C" "$2" $(small_put) -d "$W" --key-prefix "warm-$1"
  run "$1 put-4KiB-c$C" "$2" $(small_put) -d "$D" --key-prefix "put-$1"
  prep "$1 get-4KiB-c$C" "$2" $(small_get) -d "$W" $([ -n "${PREFILLED:-}" ] && echo --skip-prefill)
  run "$1 get-4KiB-c$C" "$2" $(small_get) -d "$D" --skip-prefill
}

echo "dfs bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, every server on this machine"
if wanted "local idle" || wanted "local put-1GiB" || wanted "local get-1GiB" || wanted "local put-4KiB-c$C" || wanted "local get-4KiB-c$C"; then
  start_local; idle local; workloads local "$P"; stop_all
fi
start_cluster; L=$(leader_port); F=$((P + 1)); [ "$L" = "$F" ] && F=$((P + 2))
echo "cluster leader: S3 port $L, follower: $F"; idle cluster
workloads "cluster-leader" "$L"
# the follower reads the objects the leader's runs wrote (when they ran)
wanted "cluster-leader get-4KiB-c$C" && PREFILLED=1; small "cluster-follower" "$F"
stop_all
echo "results: $OUT"
