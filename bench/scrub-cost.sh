#!/usr/bin/env bash
# What the scrub costs the foreground: a 3-node cluster on loopback (replication factor 3, so
# every node holds every chunk) is filled once (SCRUB_FILL_MIB of 64 MiB objects, default 1024,
# one 1 GiB object and 2,000 4 KiB objects), then restarted on the same data with the scrub
#   off   DFS_SCRUB_BANDWIDTH=0
#   rate  DFS_SCRUB_BANDWIDTH=8 (the default, MiB/s per node)
#   max   DFS_SCRUB_BANDWIDTH=100000 (the largest setting: unthrottled)
# and DFS_SCRUB_PERIOD=0 (passes back to back, so the scrub reads through every measured run),
# SCRUB_ROUNDS times in turn (off, rate, max, off, rate, max …: the machine is shared, so a
# drift in its load shows up as a difference between rounds, not between settings).
#   [BENCH_PORT=19700] bench/scrub-cost.sh [server/target/dfs-VERSION.jar]
# In each: the servers' CPU in 10 s without requests (the scrub's own cost), then `dfs bench`
# through the leader: 4 KiB GET and PUT with 32 clients (BENCH_DURATION each, default 20s,
# after a BENCH_WARMUP warm-up, default 10s) and BENCH_COUNT GETs of the 1 GiB object (default
# 2). Each line: throughput, latency, the servers' CPU per operation (scrub included: it runs
# in the same processes) and the scrub rate during the run, the bytes the three nodes' scrubs
# verified (dfs_scrub_bytes_total) per second of the run. After each setting: the load average,
# the full passes that ended (from the nodes' "scrub pass ended after" log lines: how many, the
# median and range of their lengths) and the time one pass takes at the setting's mean rate
# (the replica bytes a node holds over its share of the rate). Every server it starts is stopped by PID on exit; the JSON stays under
# bench/out/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cluster.sh"
bench_init scrub "${1:-}"
W=${BENCH_WARMUP:-10s}; D=${BENCH_DURATION:-20s}

# bytes verified by the scrubs of the three nodes so far (counters restart with the nodes)
scrub_bytes() { local t=0 v; for i in 1 2 3; do
  v=$(metrics "$i" | awk '/^dfs_scrub_bytes_total/ { printf "%.0f", $NF }')
  t=$((t + ${v:-0})); done; echo "$t"; }

window_open() { SB0=$(scrub_bytes); T0=$(date +%s.%N); }
window_close() {
  RUN_NOTE=$(awk -v a="$SB0" -v b="$(scrub_bytes)" -v t0="$T0" -v t1="$(date +%s.%N)" \
    'BEGIN { printf "   scrub %.1f MiB/s", (b - a) / (t1 - t0) / 1048576 }'); }

idle() { # label: servers' CPU per second without requests
  local cpu0 sb0; cpu0=$(server_cpu); sb0=$(scrub_bytes); sleep 10
  awk -v a="$cpu0" -v b="$(server_cpu)" -v s0="$sb0" -v s1="$(scrub_bytes)" -v l="$1 idle" \
    'BEGIN { printf "%-28s %8.1f ms CPU/s   scrub %.1f MiB/s\n", l, (b - a) * 100, (s1 - s0) / 10 / 1048576 }'
}

# replica bytes node n1 holds (every node holds every chunk at replication factor 3)
held_bytes() { du -sb "$OUT/data-n1" | cut -f1; }

passes() { # label rate(MiB/s) seconds start-line-n1 start-line-n2 start-line-n3: the scrub passes
  # that ended in the nodes' logs since those lines and started within the setting's seconds (a
  # pass resumed after the restart counts the time the node was down)
  local label=$1 rate=$2 secs=$3 from=("${@:4}") ms
  ms=$(for i in 1 2 3; do tail -n +"$((from[i - 1] + 1))" "$OUT/n$i.log"; done |
    sed -n 's/.*scrub pass ended after \([0-9]*\) ms.*/\1/p' | awk -v s="$secs" '$1 <= s * 1000' |
    sort -n | tr '\n' ' ')
  awk -v l="$label" -v ms="$ms" -v held="$(held_bytes)" -v rate="$rate" 'BEGIN {
    n = split(ms, a, " ")
    seen = n ? sprintf("%d, median %.1f s (%.1f-%.1f s)", n, a[int((n + 1) / 2)] / 1000, a[1] / 1000, a[n] / 1000) : "none"
    est = rate > 0 ? sprintf("%.0f s", held / (rate * 1048576 / 3)) : "-"
    printf "%-28s full passes: %s; %.2f GiB per node at %.1f MiB/s per node: %s\n",
      l, seen, held / 1073741824, rate / 3, est }'
}

setting() { # label bandwidth
  local label=$1 bw=$2 lines=()
  stop_all
  for i in 1 2 3; do lines+=("$(wc -l <"$OUT/n$i.log" 2>/dev/null || echo 0)"); done
  NODE_ENV=(DFS_SCRUB_BANDWIDTH="$bw" DFS_SCRUB_PERIOD=0)
  start_cluster; L=$(leader_port); SB_SETTING0=$(scrub_bytes); TS_SETTING0=$(date +%s)
  echo "== $label: DFS_SCRUB_BANDWIDTH=$bw, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  idle "$label"
  prep "$label get-4KiB-c32" "$L" --mode get --size 4KiB -c 32 --keys 2000 --key-prefix small -d "$W" --skip-prefill
  run "$label get-4KiB-c32" "$L" --mode get --size 4KiB -c 32 --keys 2000 --key-prefix small -d "$D" --skip-prefill
  run "$label get-1GiB" "$L" --mode get --size 1GiB -c 1 --keys 1 --key-prefix big --count "${BENCH_COUNT:-2}" --skip-prefill
  prep "$label put-4KiB-c32" "$L" --mode put --size 4KiB -c 32 -d "$W" --key-prefix "warm-$label"
  run "$label put-4KiB-c32" "$L" --mode put --size 4KiB -c 32 -d "$D" --key-prefix "put-$label"
  local secs=$(($(date +%s) - TS_SETTING0))
  passes "$label" "$(awk -v a="$SB_SETTING0" -v b="$(scrub_bytes)" -v t="$secs" 'BEGIN { print (b - a) / t / 1048576 }')" "$secs" "${lines[@]}"
  echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "scrub cost, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, every server on this machine"
NODE_ENV=(DFS_SCRUB_BANDWIDTH=0)
start_cluster; L=$(leader_port)
bench "$L" --mode put --size 64MiB -c 2 --count $(( ${SCRUB_FILL_MIB:-1024} / 64 )) --key-prefix fill >"$OUT/fill.txt" 2>&1
bench "$L" --mode get --size 1GiB -c 1 --keys 1 --key-prefix big --count 1 >>"$OUT/fill.txt" 2>&1
bench "$L" --mode get --size 4KiB -c 32 --keys 2000 --key-prefix small -d 1s >>"$OUT/fill.txt" 2>&1
echo "filled: $(awk '{ printf "%.2f GiB", $1 / 1073741824 }' <<<"$(held_bytes)") on each node"
for r in $(seq 1 "${SCRUB_ROUNDS:-2}"); do
  for s in off:0 rate:8 max:100000; do setting "r$r ${s%%:*}" "${s##*:}"; done
done
stop_all
echo "results: $OUT"
