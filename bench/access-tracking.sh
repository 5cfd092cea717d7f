#!/bin/bash
# The GET cost of access tracking, side by side: `dfs bench --mode get` (4 KiB, 32 clients,
# 2,000 keys) against a local server restarted with DFS_ACCESS_TRACKING=off, =all (every GET
# recorded) and the default (=intelligent-tiering: only INTELLIGENT_TIERING objects; these are
# STANDARD, so a GET pays one comparison), interleaved off/all/default for ROUNDS rounds
# because the machine may be shared. Same jar, same data directory and the same 2,000 objects
# (written once) for every run. Each run: a 5 s unmeasured warm-up, then BENCH_DURATION
# measured; prints ops/s, p50, the 1-minute load average before it, and the server's CPU
# (utime+stime from /proc/<pid>/stat) per measured GET; then the median of each mode.
# Usage: bench/access-tracking.sh [PORT]; needs the jar (./mvnw -DskipTests package).
set -u
cd "$(dirname "$0")/.."
PORT=${1:-5611}
ROUNDS=${ROUNDS:-3}
D=${BENCH_DURATION:-15s}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
JAR=${JAR:-server/target/dfs-0.9.0.jar}
OUT=bench/out/access-tracking
rm -rf "$OUT"; mkdir -p "$OUT"
DATA=$(mktemp -d)
export DFS_ROOT_ACCESS_KEY=benchkey DFS_ROOT_SECRET_KEY=benchsecret123
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

start() { # mode
  DFS_ACCESS_TRACKING=$1 DFS_DATA_DIR=$DATA API_PORT=$PORT API_HOST=127.0.0.1 \
    "$JAVA" -Xmx256m -jar $JAR server >>"$OUT/server-$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/api/v1/health" && return; sleep 0.25; done
  echo "server did not start" >&2; exit 1
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null; PID=""; }
bench() { "$JAVA" -jar $JAR bench --endpoint "http://127.0.0.1:$PORT" --access-key benchkey \
  --secret-key benchsecret123 --progress none --mode get --size 4KiB -c 32 --keys 2000 \
  --no-cleanup "$@"; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.3f", ($14 + $15) / hz }' "/proc/$PID/stat"; }

start off; bench -d 1s >"$OUT/prefill.txt" 2>&1; stop
echo "dfs bench GET 4 KiB c32, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $D per run"
for round in $(seq 1 "$ROUNDS"); do
  for mode in off all intelligent-tiering; do
    start "$mode"
    bench -d 5s --skip-prefill >>"$OUT/warmup.txt" 2>&1
    load=$(cut -d' ' -f1 /proc/loadavg)
    bench -d "$D" --warmup 0s --skip-prefill --json "$OUT/$mode-$round.json" \
      >"$OUT/$mode-$round.txt" 2>&1 &
    client=$!
    while kill -0 "$client" 2>/dev/null && [ ! -s "$OUT/$mode-$round.txt" ]; do sleep 0.05; done
    c0=$(cpu); wait "$client"; c1=$(cpu)
    stop
    python3 - "$OUT/$mode-$round.json" "$mode" "$round" "$load" "$c0" "$c1" <<'PY' | tee -a "$OUT/runs.txt"
import json, sys
t = json.load(open(sys.argv[1]))["total"]
cpu = (float(sys.argv[6]) - float(sys.argv[5])) * 1000 / max(1, t["ops"])
print(f'{sys.argv[2]:<20} round {sys.argv[3]}  {t["opsPerSec"]:7.0f} GET/s  p50 {t["latencyMs"]["p50"]:6.1f} ms'
      f'  load {sys.argv[4]:>5}  {cpu:.3f} ms CPU/GET')
PY
  done
done
python3 - "$OUT/runs.txt" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    f = line.split()
    runs.setdefault(f[0], []).append((float(f[3]), float(f[6]), float(f[9]), float(f[10])))
for mode, rs in runs.items():
    med = lambda i: statistics.median(r[i] for r in rs)
    print(f'median {mode:<20} {med(0):7.0f} GET/s  p50 {med(1):6.1f} ms  load {med(2):5.1f}  {med(3):.3f} ms CPU/GET')
PY
