#!/usr/bin/env bash
# Side by side: DFS and s3proxy 4.1.0 (filesystem blobstore) on loopback, data on the same disk,
# the same `dfs bench` workloads against both, plus rclone (an independent client) copying a
# 1 GiB file and a directory of 2,000 small files to each. Prints a table with ratios.
#
#   bench/side-by-side.sh            # about 8 minutes on 2 cores
#   QUICK=1 bench/side-by-side.sh    # shorter runs (smoke test of the script, ~3 minutes)
#
# Needs: a JDK 21+ (JAVA_HOME or the ./dfs launcher's search), rclone, curl, python3, network
# access to Maven Central once (s3proxy jar, fetched with ./mvnw dependency:copy). Everything
# goes to bench/out/side-by-side-<time>/ (JSON and HTML per run, server logs, summary.txt).
# Both servers get the same JVM options (-Xmx256m -XX:+UseG1GC). DFS fsyncs every
# acknowledged PUT; s3proxy's filesystem blobstore does not fsync.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
QUICK="${QUICK:-0}"
OUT="$ROOT/bench/out/side-by-side-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
DFS_PORT="${DFS_PORT:-19555}"
S3P_PORT="${S3P_PORT:-19556}"
AK=benchaccesskey
SK=benchsecretkey0123456789
JVM_OPTS="-Xmx256m -XX:+UseG1GC"
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$OUT/dfs-data" "$OUT/s3proxy-data" "$OUT/files"
}
trap cleanup EXIT

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# ---- tools ----
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do [ -x "$d/bin/java" ] && export JAVA_HOME="$d" && break; done
fi
JAVA="$JAVA_HOME/bin/java"
command -v rclone >/dev/null || { echo "needs rclone" >&2; exit 1; }
log "building DFS"
./mvnw -B -q -ntp -DskipTests package -pl server -am >&2
JAR="$(ls -t "$ROOT"/server/target/dfs-[0-9]*.jar | grep -v -e -tests.jar | head -1)"
S3P_JAR="$HOME/.m2/repository/org/gaul/s3proxy/4.1.0/s3proxy-4.1.0-jar-with-dependencies.jar"
if [ ! -f "$S3P_JAR" ]; then
  log "fetching s3proxy 4.1.0 from Maven Central"
  ./mvnw -B -q -ntp dependency:get -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies -Dtransitive=false >&2
fi

# ---- servers ----
wait_http() { # url timeout_s -> prints seconds until it answered
  local t0; t0=$(date +%s.%N)
  for _ in $(seq 1 $(( $2 * 20 ))); do
    if curl -s -o /dev/null "$1"; then echo "$(date +%s.%N) - $t0" | bc; return 0; fi
    sleep 0.05
  done
  return 1
}

mkdir -p "$OUT/dfs-data" "$OUT/s3proxy-data"
log "starting DFS on 127.0.0.1:$DFS_PORT (data $OUT/dfs-data)"
DFS_ROOT_ACCESS_KEY=$AK DFS_ROOT_SECRET_KEY=$SK \
  "$JAVA" $JVM_OPTS -jar "$JAR" server --host 127.0.0.1 --port "$DFS_PORT" --data-dir "$OUT/dfs-data" \
  >"$OUT/dfs.log" 2>&1 &
DFS_PID=$!; PIDS+=("$DFS_PID")
DFS_START=$(wait_http "http://127.0.0.1:$DFS_PORT/" 30) || { echo "DFS did not start, see $OUT/dfs.log" >&2; exit 1; }

cat >"$OUT/s3proxy.properties" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3P_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AK
s3proxy.credential=$SK
jclouds.provider=filesystem
jclouds.filesystem.basedir=$OUT/s3proxy-data
EOF
log "starting s3proxy 4.1.0 on 127.0.0.1:$S3P_PORT (data $OUT/s3proxy-data)"
"$JAVA" $JVM_OPTS -jar "$S3P_JAR" --properties "$OUT/s3proxy.properties" >"$OUT/s3proxy.log" 2>&1 &
S3P_PID=$!; PIDS+=("$S3P_PID")
S3P_START=$(wait_http "http://127.0.0.1:$S3P_PORT/" 60) || { echo "s3proxy did not start, see $OUT/s3proxy.log" >&2; exit 1; }

# ---- dfs bench workloads ----
# Small-object runs measure steady state: on two cores the JIT compilers of either JVM take a
# third of its CPU for about 20 s after start, so a 3 s warm-up measured mostly the compiler.
if [ "$QUICK" = 1 ]; then D=8s; W=2s; WS=4s; N1G=1; LISTKEYS=5000; else D=20s; W=3s; WS=20s; N1G=3; LISTKEYS=20000; fi
WORKLOADS=(
  "put-1GiB|--mode put --size 1GiB -c 1 --keys 1 --count $N1G"
  "get-1GiB|--mode get --size 1GiB -c 1 --keys 1 --count $((N1G + 2))"
  "put-4KiB-c32|--mode put --size 4KiB -c 32 -d $D --warmup $WS"
  "get-4KiB-c32|--mode get --size 4KiB -c 32 --keys 2000 -d $D --warmup $WS"
  "list-1000|--mode list --size 0 --keys $LISTKEYS --prefixes 200 --prefill-concurrency 8 -c 1 -d $D --warmup $W --list-page 1000 --bucket sbs-list --no-cleanup"
  "list-1000-delim|--mode list --size 0 --keys $LISTKEYS --prefixes 200 -c 1 -d $D --warmup $W --list-page 1000 --list-delimiter / --bucket sbs-list --skip-prefill"
)
bench() { # name endpoint label args...
  local name=$1 ep=$2 label=$3; shift 3
  sync # start each run with no dirty pages left by the previous one (s3proxy does not fsync)
  AWS_ACCESS_KEY_ID=$AK AWS_SECRET_ACCESS_KEY=$SK \
    "$JAVA" -Xmx1g -jar "$JAR" bench --endpoint "$ep" --progress none \
    --json "$OUT/$name-$label.json" --html "$OUT/$name-$label.html" "$@" >"$OUT/$name-$label.txt" 2>&1 \
    || { log "bench $name against $label failed (see $OUT/$name-$label.txt)"; return 0; }
}
for w in "${WORKLOADS[@]}"; do
  name=${w%%|*}; args=${w#*|}
  log "$name: DFS"; bench "$name" "http://127.0.0.1:$DFS_PORT" dfs $args
  log "$name: s3proxy"; bench "$name" "http://127.0.0.1:$S3P_PORT" s3proxy $args
done

# ---- rclone ----
mkdir -p "$OUT/files/small"
head -c $((1 << 30)) /dev/urandom >"$OUT/files/big.bin"
for i in $(seq -w 1 2000); do head -c 4096 /dev/urandom >"$OUT/files/small/f$i"; done
rc() { # remote-name port -> runs rclone with an env-only config
  local port=$1; shift
  env -u AWS_CA_BUNDLE RCLONE_CONFIG_T_TYPE=s3 RCLONE_CONFIG_T_PROVIDER=Other \
    RCLONE_CONFIG_T_ENDPOINT="http://127.0.0.1:$port" RCLONE_CONFIG_T_ACCESS_KEY_ID=$AK \
    RCLONE_CONFIG_T_SECRET_ACCESS_KEY=$SK RCLONE_CONFIG_T_REGION=us-east-1 RCLONE_CONFIG_T_FORCE_PATH_STYLE=true \
    rclone --config /dev/null "$@"
}
timed() { local t0; t0=$(date +%s.%N); "$@" >>"$OUT/rclone.log" 2>&1; echo "$(date +%s.%N) - $t0" | bc; }
declare -A RC
for target in dfs:$DFS_PORT s3proxy:$S3P_PORT; do
  label=${target%%:*}; port=${target#*:}
  rc "$port" mkdir t:rclone-bench >>"$OUT/rclone.log" 2>&1
  sync
  log "rclone: 1 GiB file to $label"
  RC[$label-big]=$(timed rc "$port" copyto "$OUT/files/big.bin" t:rclone-bench/big.bin)
  log "rclone: 2,000 small files to $label"
  sync
  RC[$label-small]=$(timed rc "$port" copy --transfers 16 "$OUT/files/small" t:rclone-bench/small)
  rc "$port" purge t:rclone-bench >>"$OUT/rclone.log" 2>&1 || true
done

rss_kib() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
DFS_RSS=$(rss_kib "$DFS_PID"); S3P_RSS=$(rss_kib "$S3P_PID")

# ---- summary ----
python3 - "$OUT" "$DFS_START" "$S3P_START" "${RC[dfs-big]}" "${RC[s3proxy-big]}" "${RC[dfs-small]}" \
  "${RC[s3proxy-small]}" "$DFS_RSS" "$S3P_RSS" <<'PY' | tee "$OUT/summary.txt"
import json, os, sys, platform
out, dstart, sstart, dbig, sbig, dsmall, ssmall, drss, srss = sys.argv[1:]
def load(name, label):
    p = os.path.join(out, f"{name}-{label}.json")
    return json.load(open(p)) if os.path.exists(p) else None
rows = []
def fig(r, kind):
    if r is None or r["total"]["ops"] == 0: return None
    t = r["total"]
    return {"mb": t["mbPerSec"], "ops": t["opsPerSec"], "p50": t["latencyMs"]["p50"]}[kind]
def add(label, d, s, unit, higher_better=True):
    ratio = (d / s if higher_better else s / d) if d and s else None
    rows.append((label, d, s, unit, ratio))
for name, kind, unit in [("put-1GiB", "mb", "MB/s"), ("get-1GiB", "mb", "MB/s"),
                         ("put-4KiB-c32", "ops", "ops/s"), ("get-4KiB-c32", "ops", "ops/s")]:
    add(name, fig(load(name, "dfs"), kind), fig(load(name, "s3proxy"), kind), unit)
for name in ["list-1000", "list-1000-delim"]:
    add(name + " p50", fig(load(name, "dfs"), "p50"), fig(load(name, "s3proxy"), "p50"), "ms", False)
gib = (1 << 30) / 1e6
add("rclone 1 GiB copy", gib / float(dbig), gib / float(sbig), "MB/s")
add("rclone 2,000 x 4 KiB copy", 2000 / float(dsmall), 2000 / float(ssmall), "files/s")
add("start to first response", float(dstart) * 1000, float(sstart) * 1000, "ms", False)
add("server peak RSS (VmHWM)", int(drss) / 1024, int(srss) / 1024, "MiB", False)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print(f"Side by side, {platform.node()}: {os.cpu_count()} cores ({cpu}), loopback, data on the same disk")
print("DFS: fsync on every PUT; s3proxy 4.1.0 filesystem blobstore (no fsync). Ratio: DFS advantage (>1 = DFS better).")
print(f"{'workload':34} {'DFS':>12} {'s3proxy':>12} {'unit':>8} {'ratio':>7}")
fmt = lambda v: "-" if v is None else (f"{v:,.1f}" if v < 1e5 else f"{v:,.0f}")
for label, d, s, unit, ratio in rows:
    print(f"{label:34} {fmt(d):>12} {fmt(s):>12} {unit:>8} {('-' if ratio is None else f'{ratio:.2f}x'):>7}")
PY
log "results in $OUT"
