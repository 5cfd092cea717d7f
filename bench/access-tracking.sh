#!/bin/bash
# GET ops/s of `dfs bench` (4 KiB, 32 clients, 2,000 keys, 20 s after a 5 s warm-up) against
# a fresh local server with DFS_ACCESS_TRACKING=off and =all (every GET recorded), alternated
# twice. Usage: bench/access-tracking.sh [PORT]; needs the jar (./mvnw -DskipTests package).
set -u
cd "$(dirname "$0")/.."
PORT=${1:-5611}
JAR=server/target/dfs-0.9.0.jar
OUT=bench/out/access-tracking
mkdir -p "$OUT"
export DFS_ROOT_ACCESS_KEY=benchkey DFS_ROOT_SECRET_KEY=benchsecret123
for round in 1 2; do
  for mode in off all; do
    data=$(mktemp -d)
    DFS_ACCESS_TRACKING=$mode DFS_DATA_DIR=$data API_PORT=$PORT API_HOST=127.0.0.1 \
      java -Xmx256m -jar $JAR server > "$OUT/server-$mode-$round.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do
      curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" && break
      sleep 0.5
    done
    java -jar $JAR bench --endpoint "http://127.0.0.1:$PORT" --access-key benchkey \
      --secret-key benchsecret123 --mode get --size 4KiB -c 32 --keys 2000 -d 20s --warmup 5s \
      --json "$OUT/$mode-$round.json" > "$OUT/$mode-$round.txt" 2>&1
    kill "$pid"
    wait "$pid"
    rm -rf "$data"
    echo "tracking=$mode round $round: $(grep -A1 '^operation' "$OUT/$mode-$round.txt" | tail -1)"
  done
done
