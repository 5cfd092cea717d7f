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
# Every run measures steady state, for both engines alike:
# - the servers are warm: before the 1 GiB runs (32 MiB PUTs and GETs, 2 clients) and before
#   each 4 KiB run one `dfs bench` call puts the same kind of load on them
#   in rounds of BENCH_WARMUP (default 20s) until no server's JIT compiler threads (C1/C2
#   CompilerThread, from /proc/<pid>/task) used more than BENCH_JIT_SETTLED percent (default
#   5) of its CPU in the last round, at most BENCH_WARMUP_ROUNDS rounds (default 15); a line
#   per run shows each round's largest share and whether the cap ended it (three server JVMs
#   on two cores take minutes to finish compiling);
# - the client is warm: each measured `dfs bench` call warms up first (--warmup, default
#   BENCH_CLIENT_WARMUP=10s for 4 KiB; for 1 GiB one operation) and the CPU window opens when it
#   prints that its warm-up ended (every warm-up request done, no measured one started);
# - each run's line ends with the JIT compiler threads' share of the servers' CPU in its window
#   (all servers, and the largest of one server): near 0 when the window held no compilation.
# No run deletes its objects (the data directories go at exit; a delete is a metadata commit too).
# BENCH_CLIENT_JAR: run `dfs bench` from this jar (default: the servers' jar), e.g. to compare
# two server jars with one client (the client must print the warm-up line: 2026-12-06 or newer).
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

D=${BENCH_DURATION:-20s}; C=${BENCH_CLIENTS:-32}; CW=${BENCH_CLIENT_WARMUP:-10s}
big() { echo --size 1GiB -c 1 --keys 1 --key-prefix big; }
small_put() { echo --mode put --size 4KiB -c "$C"; }
small_get() { echo --mode get --size 4KiB -c "$C" --keys 2000 --key-prefix small; }

workloads() { # prefix port: a --warmup of 1s with one client is one 1 GiB operation
  # the servers' warm-up for both 1 GiB runs: 32 MiB PUTs and GETs take the same chunk streaming
  # paths; 8 keys overwritten over and over keep the disk use flat however long it lasts
  settle "$1 put-1GiB,get-1GiB" "$2" --mode mixed --mix get=1,put=1 --size 32MiB -c 2 --keys 8 \
    --key-prefix "warm-big-$1"
  run "$1 put-1GiB" "$2" --mode put $(big) --count "${BENCH_COUNT:-3}" --warmup 1s
  prep "$1 get-1GiB" "$2" --mode get $(big) --count 1
  run "$1 get-1GiB" "$2" --mode get $(big) --count "${BENCH_COUNT:-3}" --skip-prefill --warmup 1s
  small "$1" "$2"
}

small() { # prefix port: 4 KiB PUT and GET, each after the servers' warm-up (GET's prefills first)
  settle "$1 put-4KiB-c$C" "$2" $(small_put) --key-prefix "warm-$1"
  run "$1 put-4KiB-c$C" "$2" $(small_put) -d "$D" --warmup "$CW" --key-prefix "put-$1"
  [ -n "${PREFILLED:-}" ] || prep "$1 get-4KiB-c$C" "$2" $(small_get) --count 1
  settle "$1 get-4KiB-c$C" "$2" $(small_get) --skip-prefill
  run "$1 get-4KiB-c$C" "$2" $(small_get) -d "$D" --warmup "$CW" --skip-prefill
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
