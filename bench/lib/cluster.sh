# Helpers the cluster bench scripts share (sourced, not run): start and stop 3-node clusters on
# loopback from the same jar, find the leader, count the servers' CPU, run `dfs bench`.
#   bench_init NAME [JAR]   sets ROOT JAR JAVA OUT (bench/out/NAME-<time>) AK SK MASTER P and
#                           a trap that stops every server started here (by PID) and removes
#                           the data directories at exit
#                           (CLIENT_JAR: the jar `dfs bench` runs from, BENCH_CLIENT_JAR or JAR,
#                           so two server jars can be compared with the same client)
# Servers listen on P=BENCH_PORT (default 19700) + i for S3 and P + 101 + 10 i for the cluster.
# NODE_ENV (an array of NAME=VALUE) is added to the environment of every node started.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PIDS=()
CLIENT=""
NODE_ENV=()

bench_init() { # name [jar]
  JAR=${2:-$(ls -t "$ROOT"/server/target/dfs-[0-9]*.jar | grep -v -e -tests.jar | head -1)}
  CLIENT_JAR=${BENCH_CLIENT_JAR:-$JAR}
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

# per running server, one line "total compiler": CPU seconds (utime+stime) the process and its
# JIT compiler threads ("C1/C2 CompilerThread<n>", comm truncated to 15 characters) used so far.
# A compiler thread that ends takes its time with it; on 2 cores HotSpot runs one C1 and one C2
# thread and keeps both.
server_jit() { local p; for p in "${PIDS[@]:-}"; do [ -r "/proc/$p/stat" ] || continue
  awk -v hz="$(getconf CLK_TCK)" '
    { i = index($0, "("); j = length($0); while (j > i && substr($0, j, 1) != ")") j--
      split(substr($0, j + 2), f, " "); t = f[12] + f[13]
      if (FILENAME ~ /task/) { if (substr($0, i + 1, j - i - 1) ~ /^C[12] CompilerThre/) c += t }
      else total = t }
    END { printf "%.3f %.3f\n", total / hz, c / hz }' "/proc/$p/stat" "/proc/$p"/task/*/stat 2>/dev/null \
    || true # a thread that ends between the glob and the read: awk skips it but exits 2 (set -e)
  done; }

# from two server_jit samples (as files): "<all servers' compiler share of their CPU> <largest
# share of one server>" in percent, and per server "<share> of <its CPU seconds>" in $JIT_NODES
# (sets JIT_ALL JIT_MAX JIT_NODES)
jit_share() { JIT_NODES=$(paste -d' ' "$1" "$2" | awk '
  { d = $3 - $1; c = $4 - $2; s = d > 0 ? 100 * c / d : 0; printf "%.0f%% of %.1fs  ", s, d }')
  read -r JIT_ALL JIT_MAX < <(paste -d' ' "$1" "$2" | awk '{ d = $3 - $1; c = $4 - $2; D += d; C += c
    s = d > 0 ? 100 * c / d : 0; if (s > m) m = s }
    END { printf "%.1f %.1f\n", (D > 0 ? 100 * C / D : 0), m }'); }

wanted() { [[ "$1" =~ ${BENCH_ONLY:-.} ]]; }

bench() { # port args...: one `dfs bench` call that keeps its objects
  local port=$1; shift
  AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK "$JAVA" -Xmx1g -jar "$CLIENT_JAR" bench \
    --endpoint "http://127.0.0.1:$port" --progress none --no-cleanup "$@"
}

# port args...: bench in the background, its PID in CLIENT (the client's own: `bench &` would be
# a subshell's, and killing that leaves the client running)
bench_bg() { local port=$1; shift
  ( exec env AWS_ACCESS_KEY_ID="$AK" AWS_SECRET_ACCESS_KEY="$SK" "$JAVA" -Xmx1g -jar "$CLIENT_JAR" \
    bench --endpoint "http://127.0.0.1:$port" --progress none --no-cleanup "$@" ) &
  CLIENT=$!; }

prep() { # label port args...: the unmeasured warm-up or prefill before run "label"
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  bench "$port" "$@" >>"$OUT/$label.prep.txt" 2>&1 || true
}

# label port args...: the servers' warm-up before run "label": one `dfs bench args` call (its
# JVM stays warm) while the servers' JIT is sampled every BENCH_WARMUP (default 20s, or Nm), the
# rounds; it is stopped once no server's JIT compiler threads used more than BENCH_JIT_SETTLED
# percent (default 5) of its CPU in the last round, or after BENCH_WARMUP_ROUNDS rounds (default
# 15; the line then says the cap ended the warm-up). Prints each round's largest share; every
# server's share per round goes to label.warmup.txt.
settle() {
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  local w=${BENCH_WARMUP:-20s} max=${BENCH_WARMUP_ROUNDS:-15} round=0 curve="" settled="" secs
  case $w in *m) secs=$((${w%m} * 60));; *) secs=${w%s};; esac
  bench_bg "$port" "$@" -d "$((secs * max + 60))s" >"$OUT/$label.warmup.out" 2>&1
  while kill -0 "$CLIENT" 2>/dev/null && ! grep -q . "$OUT/$label.warmup.out"; do sleep 0.05; done
  while [ "$round" -lt "$max" ] && kill -0 "$CLIENT" 2>/dev/null; do
    round=$((round + 1)); server_jit >"$OUT/jit.0"; sleep "$secs"
    server_jit >"$OUT/jit.1"; jit_share "$OUT/jit.0" "$OUT/jit.1"
    echo "round $round: JIT compiler share of each server's CPU: $JIT_NODES" >>"$OUT/$label.warmup.txt"
    curve+=" ${JIT_MAX%.*}%"
    awk -v m="$JIT_MAX" -v l="${BENCH_JIT_SETTLED:-5}" 'BEGIN { exit !(m < l) }' && { settled=1; break; }
  done
  kill "$CLIENT" 2>/dev/null; wait "$CLIENT" 2>/dev/null || true; CLIENT=""
  printf '%-28s warm-up %s rounds of %ss, JIT share (largest server):%s%s\n' "$label" "$round" \
    "$secs" "$curve" "$([ -n "$settled" ] && echo ", settled" || echo ", NOT settled (cap)")"
}

# hooks a script may redefine: called as the measured window of a run opens and closes
window_open() { :; }
window_close() { :; }

run() { # label port args...
  local label=$1 port=$2; shift 2
  wanted "$label" || return 0
  # the window opens when the client prints its headline: its JVM's start (seconds on a loaded
  # machine, while a cluster's three JVMs use CPU idling) stays out of it; with --warmup, when
  # the client says its warm-up ended (every warm-up request done, none measured yet)
  local opened='.'; [[ " $* " == *" --warmup "* ]] && opened='warmup done, measuring'
  bench_bg "$port" --json "$OUT/$label.json" "$@" >"$OUT/$label.txt" 2>&1
  while kill -0 "$CLIENT" 2>/dev/null && ! grep -q "$opened" "$OUT/$label.txt"; do sleep 0.05; done
  local cpu0; cpu0=$(server_cpu); server_jit >"$OUT/jit.0"; window_open
  wait "$CLIENT" || true; CLIENT=""
  local cpu1; cpu1=$(server_cpu); server_jit >"$OUT/jit.1"; window_close
  jit_share "$OUT/jit.0" "$OUT/jit.1"
  echo "$label: JIT compiler share of each server's CPU in the window: $JIT_NODES" >>"$OUT/jit-windows.txt"
  python3 - "$OUT/$label.json" "$label" "$cpu0" "$cpu1" "   JIT ${JIT_ALL}% (max ${JIT_MAX}%)${RUN_NOTE:-}" <<'EOF'
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
