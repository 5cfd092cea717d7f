#!/usr/bin/env bash
# A/B of two server jars, back to back: for each round, start a fresh DFS from each jar on
# loopback, run the same `dfs bench` arguments against it, stop it. Prints one line per run and
# the median of the headline figure (MB/s when bytes moved, else ops/s; list: p50 ms).
#   bench/ab.sh A.jar B.jar ROUNDS --mode put --size 1GiB -c 1 --keys 1 --count 3
# Optional: DATA_TEMPLATE=dir (copied as the data dir of every run, e.g. a bucket filled by
# bench/tools/FillBucket.java), or DATA_TEMPLATE_A / DATA_TEMPLATE_B per side.
set -euo pipefail
A=$1 B=$2 ROUNDS=$3; shift 3
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
OUT="$ROOT/bench/out/ab-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
PORT=${PORT:-19600}; AK=abaccesskey; SK=absecretkey0123456789
SERVER_PID=
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$OUT/data"' EXIT
declare -A FIG
for r in $(seq 1 "$ROUNDS"); do
  for side in A B; do
    jar=$A; [ $side = B ] && jar=$B
    rm -rf "$OUT/data"
    tmpl=${DATA_TEMPLATE:-}; [ $side = A ] && tmpl=${DATA_TEMPLATE_A:-$tmpl}; [ $side = B ] && tmpl=${DATA_TEMPLATE_B:-$tmpl}
    if [ -n "$tmpl" ]; then cp -r "$tmpl" "$OUT/data"; else mkdir -p "$OUT/data"; fi
    DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK "$JAVA" -Xmx256m -XX:+UseG1GC -jar "$jar" server \
      --host 127.0.0.1 --port $PORT --data-dir "$OUT/data" >"$OUT/server-$side-$r.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 200); do curl -s -o /dev/null http://127.0.0.1:$PORT/ && break; sleep 0.05; done
    AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK "$JAVA" -Xmx1g -jar "$B" bench --endpoint http://127.0.0.1:$PORT \
      --progress none --json "$OUT/$side-$r.json" "$@" >"$OUT/bench-$side-$r.txt" 2>&1 || true
    rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$SERVER_PID/status)
    kill $SERVER_PID; wait $SERVER_PID 2>/dev/null || true; SERVER_PID=
    fig=$(python3 -c '
import json,sys
t=json.load(open(sys.argv[1]))["total"]; m=json.load(open(sys.argv[1]))["config"]["mode"]
print(round(t["latencyMs"]["p50"],2) if m=="list" else round(t["mbPerSec"] if t["ops"] and t["bytes"]/t["ops"]>=1e6 else t["opsPerSec"],1))' "$OUT/$side-$r.json" 2>/dev/null || echo nan)
    FIG[$side]="${FIG[$side]:-} $fig"
    echo "round $r $side: $fig  (server peak RSS ${rss} MiB)"
  done
done
for side in A B; do
  echo "$side median: $(python3 -c 'import statistics,sys; print(statistics.median([float(x) for x in sys.argv[1:]]))' ${FIG[$side]})  runs:${FIG[$side]}"
done
