# Helpers the cluster bench scripts share (sourced, not run): start and stop 3-node clusters on
# loopback from the same jar, find the leader, count the servers' CPU, run `dfs bench`.
#   bench_init NAME [JAR]   sets ROOT JAR JAVA OUT (bench/out/NAME-<time>) AK SK MASTER P and
#                           a trap that stops every server started here (by PID) and removes
#                           the data directories at exit
# Servers listen on P=BENCH_PORT (default 19700) + i for S3 and P + 101 + 10 i for the cluster.
# NODE_ENV (an array of NAME=VALUE) is added to the environment of every node started.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIDS=()
CLIENT=""
NODE_ENV=()

bench_init() { # name [jar]
  JAR=${2:-$(ls -t "$ROOT"/server/target/dfs-[0-9]*.jar | grep -v -e -tests.jar | head -1)}
  JAVA="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
  OUT="$ROOT/bench/out/$1-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$OUT"
  AK=benchaccesskey; SK=benchsecretkey0123456789
  MASTER=$(head -c 32 /dev/urandom | base64)
  P=${BENCH_PORT:-19700}
  trap '[ -n "$CLIENT" ] && kill "$CLIENT" 2>/dev/null; stop_all; rm -rf "$OUT"/data-*' EXIT
}

stop_all() { for p in "${PIDS[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]:-}"; do [ -n "$p" ] && wait "$p" 2>/dev/null || true; done; PIDS=(); }

wait_ready() { for _ in $(seq 1 1800); do
  curl -sf -o /dev/null "http://127.0.0.1:$1/api/v1/ready" && return 0; sleep 0.1; done
  echo "server on port $1 did not become ready" >&2; return 1; }

seeds() { echo "n1=127.0.0.1:$((P + 111)),n2=127.0.0.1:$((P + 121)),n3=127.0.0.1:$((P + 131))"; }

start_node() { # i: node n<i> (S3 port P+i, cluster port P+101+10i), seeds n1..n3; not awaited
  local i=$1
  env "${NODE_ENV[@]}" STORAGE_ENV=cluster DFS_CLUSTER_SECRET=bench-cluster-secret-0123 \
    DFS_CLUSTER_SEEDS="$(seeds)" DFS_NODE_ID="n$i" DFS_CLUSTER_ADDRESS="127.0.0.1:$((P + 101 + 10 * i))" \
    DFS_MASTER_KEY="$MASTER" DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK \
    "$JAVA" -Xmx512m ${BENCH_JVM_OPTS:-} -jar "$JAR" server \
    --host 127.0.0.1 --port $((P + i)) --data-dir "$OUT/data-n$i" >>"$OUT/n$i.log" 2>&1 &
  PIDS+=($!)
}

start_cluster() { # nodes n1..n3 (data directories kept across restarts)
  for i in 1 2 3; do start_node "$i"; done
  for i in 1 2 3; do wait_ready $((P + i)); done
}

api_key() { sed -n 's/^apiKey=//p' "$OUT/data-$1/root-credentials.properties"; }

metrics() { # i: node n<i>'s /metrics page
  curl -s "http://127.0.0.1:$((P + $1))/metrics" -H "X-Api-Key: $(api_key "n$1")" || true; }

# the S3 port of the node that admits writes; waits for one (ready nodes may still be electing:
# falling back to any node would drive the "leader" runs through a follower that forwards)
# (the page is read whole first: `curl | grep -q` fails under pipefail once grep stops reading)
leader_port() { local m; for _ in $(seq 1 600); do for i in 1 2 3; do
  m=$(metrics "$i")
  grep -q '^dfs_cluster_is_leader{[^}]*} 1' <<<"$m" && { echo $((P + i)); return; }; done; sleep 0.1; done
  echo "no cluster node admits writes" >&2; return 1; }

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

# hooks a script may redefine: called as the measured window of a run opens and closes
window_open() { :; }
window_close() { :; }

run() { # label port args...
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  # the window opens when the client prints its headline: its JVM's start (seconds on a loaded
  # machine, while a cluster's three JVMs use CPU idling) stays out of it
  bench "$port" --json "$OUT/$label.json" "$@" >"$OUT/$label.txt" 2>&1 &
  CLIENT=$!
  while kill -0 "$CLIENT" 2>/dev/null && [ ! -s "$OUT/$label.txt" ]; do sleep 0.05; done
  local cpu0; cpu0=$(server_cpu); window_open
  wait "$CLIENT" || true; CLIENT=""
  local cpu1; cpu1=$(server_cpu); window_close
  python3 - "$OUT/$label.json" "$label" "$cpu0" "$cpu1" "${RUN_NOTE:-}" <<'EOF'
import json, sys
try:
    t = json.load(open(sys.argv[1]))["total"]
    big = t["ops"] and t["bytes"] / t["ops"] >= 1e6
    fig = f'{t["mbPerSec"]:.1f} MB/s' if big else f'{t["opsPerSec"]:.0f} ops/s'
    # the window also holds the client's bucket check and report: an upper bound per op
    cpu = (float(sys.argv[4]) - float(sys.argv[3])) * 1000 / max(1, t["ops"])
    cpu_fig = f'{cpu / 1000 * 1024**3 / (t["bytes"] / t["ops"]):.2f} s CPU/GiB' if big else f'{cpu:.2f} ms CPU/op'
    print(f'{sys.argv[2]:<28} {fig:>14}   p50 {t["latencyMs"]["p50"]:.1f} ms   p99 {t["latencyMs"]["p99"]:.1f} ms   {cpu_fig}{sys.argv[5]}')
except Exception as e:
    print(f'{sys.argv[2]:<28} failed ({e})')
EOF
}
