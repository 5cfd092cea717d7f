#!/usr/bin/env bash
# Bytes moved against what `layout show` predicted, with the real binary: a 3-node cluster on
# loopback (replication factor 3) holds LAYOUT_OBJECTS objects of LAYOUT_SIZE (default 25 x
# 8MiB, put with `dfs bench`); a 4th node joins, is promoted, is staged into the layout
# (`layout assign n4 --zone z4 --capacity 1`), `layout show` predicts the move, `layout apply`
# starts it, and `cluster status` is polled until the layout is settled. Prints the commands'
# output (the transcript; the settled node's dfs_cluster_rebalance_* metrics too), then the prediction beside what the repair workers copied: the
# leader's moved figures in the layout and the bytes every node's repair worker copied
# (bytesRepaired in GET /api/v1/cluster, summed over the four nodes, after minus before).
# LAYOUT_LOAD=1 also keeps a client writing 64 KiB objects during the move (its bytes are the
# only excess LayoutChangeTest allows: a write acknowledged at quorum can still be streaming to
# the new owner when a pass looks, and the pass copies that chunk too).
#   [BENCH_PORT=19700] bench/layout-move.sh [server/target/dfs-VERSION.jar]
# Every server it starts is stopped by PID on exit.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
bench_init layout "${1:-}"

admin() { # admin args...: `dfs admin` through node n1 with root's API key
  DFS_API_KEY=$(api_key n1) "$JAVA" -jar "$JAR" admin "$@" --endpoint "http://127.0.0.1:$((P + 1))"; }
repaired() { local t=0 v; for i in "$@"; do
  v=$(curl -s "http://127.0.0.1:$((P + i))/api/v1/cluster" -H "X-Api-Key: $(api_key "n$i")" |
    jq -r '.repair.bytesRepaired // 0')
  t=$((t + v)); done; echo "$t"; }
layout_json() { curl -s "http://127.0.0.1:$((P + 1))/api/v1/cluster/layout" -H "X-Api-Key: $(api_key n1)"; }

echo "layout move, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_cluster; L=$(leader_port)
bench "$L" --mode put --size "${LAYOUT_SIZE:-8MiB}" -c 4 --count "${LAYOUT_OBJECTS:-25}" --key-prefix data >"$OUT/fill.txt" 2>&1
tail -1 "$OUT/fill.txt"
start_node 4; wait_ready $((P + 4))
echo '$ dfs admin cluster promote n4'; admin cluster promote n4
before=$(repaired 1 2 3 4)
echo '$ dfs admin cluster layout assign n4 --zone z4 --capacity 1'; admin cluster layout assign n4 --zone z4 --capacity 1
echo '$ dfs admin cluster layout show'; admin cluster layout show
predicted=$(layout_json | jq -c '.moves | {chunks, bytes}')
if [ -n "${LAYOUT_LOAD:-}" ]; then
  bench "$L" --mode put --size 64KiB -c 4 -d 600s --key-prefix during >"$OUT/load.txt" 2>&1 &
  CLIENT=$!
fi
t0=$(date +%s.%N)
echo '$ dfs admin cluster layout apply --version 2'; admin cluster layout apply --version 2
last=""
for _ in $(seq 1 1200); do
  j=$(layout_json)
  [ "$(jq -r '.rebalance.moving' <<<"$j")" = true ] && last=$(jq -c '.rebalance | {chunksMoved, bytesMoved}' <<<"$j")
  [ "$(jq -r '.rebalance.moving' <<<"$j")" = false ] && [ "$(jq -r '.version' <<<"$j")" = 2 ] && break
  sleep 0.5
done
t1=$(date +%s.%N)
if [ -n "$CLIENT" ]; then kill "$CLIENT" 2>/dev/null || true; wait "$CLIENT" 2>/dev/null || true; CLIENT=""
  echo "client during the move: $(grep -m1 -i 'total' "$OUT/load.txt" || tail -1 "$OUT/load.txt")"; fi
echo '$ dfs admin cluster status'; admin cluster status
echo '$ curl -s http://127.0.0.1:'$((P + 1))'/metrics | grep ^dfs_cluster_rebalance'
curl -s "http://127.0.0.1:$((P + 1))/metrics" | grep '^dfs_cluster_rebalance' || true
after=$(repaired 1 2 3 4)
echo "predicted by layout show: $predicted"
echo "last moved figures while moving: ${last:-none seen}"
echo "settled after $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s; bytes the 4 repair workers copied: $((after - before))"
echo "final layout rebalance: $(layout_json | jq -c '.rebalance')"
stop_all
echo "results: $OUT"
