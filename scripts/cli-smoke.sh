#!/usr/bin/env bash
# CLI smoke test: the real server jar against real clients (aws, s3cmd, rclone, boto3, curl).
# Starts its own server on a free loopback port with a temporary data dir, checks every
# round trip byte for byte, stops the server it started (by PID) and prints
# "N passed, N failed". Exits non-zero on any failure. Bounded: every client call has a timeout.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d /tmp/dfs-smoke.XXXXXX)"
PASS=0; FAIL=0; SERVER_PID=""

cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

ok()   { PASS=$((PASS+1)); echo "ok   - $1"; }
bad()  { FAIL=$((FAIL+1)); echo "FAIL - $1"; [ -n "${2:-}" ] && sed 's/^/       /' "$2" | tail -15; }
check() { # check "name" command... ; passes when the command exits 0
  local name="$1"; shift
  if timeout 300 "$@" >"$WORK/out.txt" 2>&1; then ok "$name"; else bad "$name" "$WORK/out.txt"; fi
}
same() { # same "name" fileA fileB
  if cmp -s "$2" "$3"; then ok "$1"; else bad "$1 (bytes differ)"; fi
}

for tool in aws s3cmd rclone curl python3 openssl; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool (install it, see .ci/run)"; exit 1; }
done

export DFS_ROOT_ACCESS_KEY=SMOKEACCESSKEY DFS_ROOT_SECRET_KEY=smoke-secret-key-0123456789
# A self-signed certificate for the HTTPS listener, as a user would make one.
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost >/dev/null 2>&1 \
  || { echo "openssl could not make a test certificate"; exit 1; }
# Through the launcher, as a user runs it (it picks the JDK; exec keeps $! the server's PID).
"$ROOT/dfs" server --host 127.0.0.1 --port 0 --data-dir "$WORK/data" \
  --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" --tls-port 0 \
  >"$WORK/server.out" 2>"$WORK/server.err" &
SERVER_PID=$!
PORT=""
# up to 90 s: a first start on a loaded machine (the JIT, the class-data archive) can take long
for _ in $(seq 1 900); do
  PORT="$(sed -n 's|.*serving S3 at http://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/server.out" | head -1)"
  [ -n "$PORT" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$PORT" ] || { echo "server did not start"; cat "$WORK/server.err"; exit 1; }
EP="http://127.0.0.1:$PORT"
TLS_PORT=""
for _ in $(seq 1 300); do
  TLS_PORT="$(sed -n 's|^HTTPS: https://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/server.out" | head -1)"
  [ -n "$TLS_PORT" ] && break
  sleep 0.1
done
echo "# server pid $SERVER_PID at $EP"

export AWS_ACCESS_KEY_ID=$DFS_ROOT_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$DFS_ROOT_SECRET_KEY
export AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
# Debian's AWS CLI v2 when present (a pip-installed v1 may shadow it on PATH)
AWS_BIN="$(command -v /usr/bin/aws || command -v aws)"
AWS=("$AWS_BIN" --endpoint-url "$EP")
echo "# $("$AWS_BIN" --version 2>&1)"

# test data
head -c 0 /dev/null > "$WORK/zero.bin"
printf 'x' > "$WORK/one.bin"
head -c $((100*1024*1024)) /dev/urandom > "$WORK/big.bin"
head -c 70000 /dev/urandom > "$WORK/small.bin"

# --- unauthenticated request is refused with S3 XML
code=$(curl -s -o "$WORK/anon.xml" -w '%{http_code}' "$EP/")
if [ "$code" = 403 ] && grep -q '<Code>AccessDenied</Code>' "$WORK/anon.xml" && grep -q '<RequestId>' "$WORK/anon.xml"; then
  ok "unsigned request -> 403 AccessDenied with RequestId"; else bad "unsigned request -> 403 AccessDenied (got $code)" "$WORK/anon.xml"; fi
check "health endpoint" curl -sf "$EP/api/v1/health"

# --- aws cli
check "aws s3 mb" "${AWS[@]}" s3 mb s3://aws-bucket
check "aws s3 cp 0 B" "${AWS[@]}" s3 cp "$WORK/zero.bin" s3://aws-bucket/dir/zero.bin
check "aws s3 cp 1 B" "${AWS[@]}" s3 cp "$WORK/one.bin" s3://aws-bucket/dir/one.bin
check "aws s3 cp 100 MiB (multipart)" "${AWS[@]}" s3 cp "$WORK/big.bin" s3://aws-bucket/big.bin
check "aws s3 cp key needing encoding" "${AWS[@]}" s3 cp "$WORK/small.bin" "s3://aws-bucket/odd key+ü%/x.bin"
for f in zero one; do
  check "aws s3 cp get $f" "${AWS[@]}" s3 cp "s3://aws-bucket/dir/$f.bin" "$WORK/got-$f.bin"
  same "aws round trip $f" "$WORK/$f.bin" "$WORK/got-$f.bin"
done
check "aws s3 cp get 100 MiB" "${AWS[@]}" s3 cp s3://aws-bucket/big.bin "$WORK/got-big.bin"
same "aws round trip 100 MiB" "$WORK/big.bin" "$WORK/got-big.bin"
check "aws get key needing encoding" "${AWS[@]}" s3 cp "s3://aws-bucket/odd key+ü%/x.bin" "$WORK/got-odd.bin"
same "aws round trip odd key" "$WORK/small.bin" "$WORK/got-odd.bin"
if timeout 60 "${AWS[@]}" s3api list-objects-v2 --bucket aws-bucket --delimiter / --output json >"$WORK/ls.json" 2>&1 \
   && grep -q '"Prefix": "dir/"' "$WORK/ls.json" && grep -q '"Key": "big.bin"' "$WORK/ls.json"; then
  ok "aws list-objects-v2 with delimiter"; else bad "aws list-objects-v2 with delimiter" "$WORK/ls.json"; fi
check "aws s3 cp (server-side copy)" "${AWS[@]}" s3 cp s3://aws-bucket/dir/one.bin s3://aws-bucket/copy/one.bin
check "aws get copy" "${AWS[@]}" s3 cp s3://aws-bucket/copy/one.bin "$WORK/got-copy.bin"
same "aws copy content" "$WORK/one.bin" "$WORK/got-copy.bin"
url=$(timeout 30 "${AWS[@]}" s3 presign s3://aws-bucket/dir/one.bin --expires-in 300)
if [ -n "$url" ] && curl -sf -o "$WORK/presigned.bin" "$url" && cmp -s "$WORK/one.bin" "$WORK/presigned.bin"; then
  ok "presigned GET via curl"; else bad "presigned GET via curl"; fi
check "aws s3 rm" "${AWS[@]}" s3 rm s3://aws-bucket/copy/one.bin
if timeout 30 "${AWS[@]}" s3api head-object --bucket aws-bucket --key copy/one.bin >"$WORK/head.txt" 2>&1; then
  bad "deleted object is gone"; else ok "deleted object is gone"; fi

# --- HTTPS listener, certificate trusted through --ca-bundle
check "aws over https: ls" "$AWS_BIN" --endpoint-url "https://127.0.0.1:$TLS_PORT" --ca-bundle "$WORK/cert.pem" s3 ls s3://aws-bucket/
check "aws over https: cp up" "$AWS_BIN" --endpoint-url "https://127.0.0.1:$TLS_PORT" --ca-bundle "$WORK/cert.pem" s3 cp "$WORK/small.bin" s3://aws-bucket/tls.bin
check "aws over https: cp down" "$AWS_BIN" --endpoint-url "https://127.0.0.1:$TLS_PORT" --ca-bundle "$WORK/cert.pem" s3 cp s3://aws-bucket/tls.bin "$WORK/tls-back.bin"
same "https round trip" "$WORK/small.bin" "$WORK/tls-back.bin"

# --- users and keys: dfs admin (root's API key read from the data dir), then alice's key signs
ADMIN_OPTS=(--endpoint "$EP" --data-dir "$WORK/data")
check "dfs admin user add alice" "$ROOT/dfs" admin user add alice "${ADMIN_OPTS[@]}"
if timeout 60 "$ROOT/dfs" admin key create alice --json "${ADMIN_OPTS[@]}" >"$WORK/alice.json" 2>"$WORK/alice.err"; then
  ok "dfs admin key create alice"; else bad "dfs admin key create alice" "$WORK/alice.err"; fi
ALICE_AK="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["accessKeyId"])' "$WORK/alice.json" 2>/dev/null)"
ALICE_SK="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secretKey"])' "$WORK/alice.json" 2>/dev/null)"
check "aws s3 ls with alice's key" env AWS_ACCESS_KEY_ID="$ALICE_AK" AWS_SECRET_ACCESS_KEY="$ALICE_SK" "${AWS[@]}" s3 ls
if timeout 60 "$ROOT/dfs" admin user list "${ADMIN_OPTS[@]}" >"$WORK/users.txt" 2>&1 \
    && grep -q '^alice ' "$WORK/users.txt" && ! grep -q -- "$ALICE_SK" "$WORK/users.txt"; then
  ok "dfs admin user list shows alice, not her secret"; else bad "dfs admin user list" "$WORK/users.txt"; fi
check "dfs admin key disable" "$ROOT/dfs" admin key disable "$ALICE_AK" "${ADMIN_OPTS[@]}"
if env AWS_ACCESS_KEY_ID="$ALICE_AK" AWS_SECRET_ACCESS_KEY="$ALICE_SK" timeout 60 "${AWS[@]}" s3 ls >"$WORK/disabled.txt" 2>&1; then
  bad "aws s3 ls with a disabled key is refused" "$WORK/disabled.txt"
elif grep -q InvalidAccessKeyId "$WORK/disabled.txt"; then
  ok "aws s3 ls with a disabled key is refused (InvalidAccessKeyId)"
else bad "aws s3 ls with a disabled key: unexpected error" "$WORK/disabled.txt"; fi
if timeout 60 "$ROOT/dfs" admin user add bob --offline --data-dir "$WORK/data" >"$WORK/offline.txt" 2>&1; then
  bad "dfs admin --offline is refused while the server runs" "$WORK/offline.txt"
elif grep -q "the server is running; use --endpoint" "$WORK/offline.txt"; then
  ok "dfs admin --offline is refused while the server runs"
else bad "dfs admin --offline while running: unexpected message" "$WORK/offline.txt"; fi
if timeout 60 "$ROOT/dfs" admin cluster status "${ADMIN_OPTS[@]}" >"$WORK/cluster.txt" 2>&1; then
  bad "dfs admin cluster status on a local server is refused" "$WORK/cluster.txt"
elif grep -q "NotACluster" "$WORK/cluster.txt"; then
  ok "dfs admin cluster status on a local server is refused (NotACluster)"
else bad "dfs admin cluster status on a local server: unexpected message" "$WORK/cluster.txt"; fi

# --- master-key rotation: SSE-S3 and SSE-KMS objects and alice's key survive it
"${AWS[@]}" s3 mb s3://rotate >/dev/null 2>&1
if timeout 60 "${AWS[@]}" s3 cp "$WORK/small.bin" s3://rotate/s3 --sse AES256 >/dev/null 2>&1 \
  && timeout 60 "${AWS[@]}" s3 cp "$WORK/small.bin" s3://rotate/kms --sse aws:kms >/dev/null 2>&1 \
  && timeout 120 "$ROOT/dfs" admin kms rotate-master-key --interval 0.2 "${ADMIN_OPTS[@]}" >"$WORK/rotate.txt" 2>&1 \
  && grep -q 'State:     DONE' "$WORK/rotate.txt" \
  && timeout 60 "${AWS[@]}" s3 cp s3://rotate/s3 "$WORK/rot-s3.bin" >/dev/null 2>&1 \
  && timeout 60 "${AWS[@]}" s3 cp s3://rotate/kms "$WORK/rot-kms.bin" >/dev/null 2>&1 \
  && cmp -s "$WORK/small.bin" "$WORK/rot-s3.bin" && cmp -s "$WORK/small.bin" "$WORK/rot-kms.bin" \
  && ls "$WORK/data" | grep -q '^master.key.retired-'; then
  ok "dfs admin kms rotate-master-key: SSE-S3 and SSE-KMS objects read back, old key retired"
else bad "dfs admin kms rotate-master-key" "$WORK/rotate.txt"; fi

# --- s3cmd
S3CMD=(s3cmd --no-ssl --host="127.0.0.1:$PORT" --host-bucket="127.0.0.1:$PORT" \
  --access_key="$AWS_ACCESS_KEY_ID" --secret_key="$AWS_SECRET_ACCESS_KEY" --region=us-east-1 \
  --config=/dev/null --multipart-chunk-size-mb=5)
check "s3cmd mb" "${S3CMD[@]}" mb s3://s3cmd-bucket
check "s3cmd put 1 B" "${S3CMD[@]}" put "$WORK/one.bin" s3://s3cmd-bucket/one.bin
check "s3cmd put 100 MiB (multipart)" "${S3CMD[@]}" put "$WORK/big.bin" s3://s3cmd-bucket/big.bin
check "s3cmd get 100 MiB" "${S3CMD[@]}" get --force s3://s3cmd-bucket/big.bin "$WORK/s3cmd-big.bin"
same "s3cmd round trip 100 MiB" "$WORK/big.bin" "$WORK/s3cmd-big.bin"
check "s3cmd get 1 B" "${S3CMD[@]}" get --force s3://s3cmd-bucket/one.bin "$WORK/s3cmd-one.bin"
same "s3cmd round trip 1 B" "$WORK/one.bin" "$WORK/s3cmd-one.bin"
check "s3cmd ls" "${S3CMD[@]}" ls s3://s3cmd-bucket/
check "s3cmd cp" "${S3CMD[@]}" cp s3://s3cmd-bucket/one.bin s3://s3cmd-bucket/one-copy.bin
check "s3cmd del" "${S3CMD[@]}" del s3://s3cmd-bucket/one-copy.bin

# --- s3cmd with Signature Version 2 (header auth, multipart, ACL, presigned URL)
S3CMD2=("${S3CMD[@]}" --signature-v2)
head -c $((12*1024*1024)) "$WORK/big.bin" > "$WORK/mid.bin"
check "s3cmd v2 mb" "${S3CMD2[@]}" mb s3://s3cmd-v2
check "s3cmd v2 put 12 MiB (multipart)" "${S3CMD2[@]}" put "$WORK/mid.bin" "s3://s3cmd-v2/mid file+ü.bin"
check "s3cmd v2 get 12 MiB" "${S3CMD2[@]}" get --force "s3://s3cmd-v2/mid file+ü.bin" "$WORK/s3cmd-v2-mid.bin"
same "s3cmd v2 round trip 12 MiB" "$WORK/mid.bin" "$WORK/s3cmd-v2-mid.bin"
check "s3cmd v2 put 1 B" "${S3CMD2[@]}" put "$WORK/one.bin" s3://s3cmd-v2/one.bin
check "s3cmd v2 setacl public (ObjectWriter default)" "${S3CMD2[@]}" setacl --acl-public s3://s3cmd-v2/one.bin
if curl -sf -o "$WORK/v2-public.bin" "$EP/s3cmd-v2/one.bin" && cmp -s "$WORK/one.bin" "$WORK/v2-public.bin"; then
  ok "anonymous GET of the public-read object"; else bad "anonymous GET of the public-read object"; fi
v2url=$(timeout 30 "${S3CMD2[@]}" signurl s3://s3cmd-v2/one.bin +300 2>/dev/null | tail -1)
if [ -n "$v2url" ] && curl -sf -o "$WORK/v2-presigned.bin" "$v2url" && cmp -s "$WORK/one.bin" "$WORK/v2-presigned.bin"; then
  ok "SigV2 presigned GET via curl"; else bad "SigV2 presigned GET via curl ($v2url)"; fi
if timeout 60 "${S3CMD2[@]}" --secret_key=not-the-secret ls s3://s3cmd-v2/ >"$WORK/v2-bad.txt" 2>&1; then
  bad "s3cmd v2 with a wrong secret is refused" "$WORK/v2-bad.txt"
elif grep -q SignatureDoesNotMatch "$WORK/v2-bad.txt"; then
  ok "s3cmd v2 with a wrong secret is refused (SignatureDoesNotMatch)"
else bad "s3cmd v2 wrong secret: unexpected error" "$WORK/v2-bad.txt"; fi

# --- browser-style form upload with curl, policy signed with HMAC-SHA1 (SigV2 form)
EXPIRY=$(date -u -d '+1 hour' +%Y-%m-%dT%H:%M:%SZ)
POLICY=$(printf '{"expiration":"%s","conditions":[{"bucket":"s3cmd-v2"},["starts-with","$key","web/"],{"success_action_status":"201"},["starts-with","$Content-Type","text/"],["content-length-range",1,1048576]]}' "$EXPIRY" | base64 -w0)
FORM_SIG=$(printf '%s' "$POLICY" | openssl dgst -sha1 -hmac "$AWS_SECRET_ACCESS_KEY" -binary | base64 -w0)
printf 'form upload\n' > "$WORK/form.txt"
code=$(curl -s -o "$WORK/form.xml" -w '%{http_code}' -F 'key=web/${filename}' \
  -F "AWSAccessKeyId=$AWS_ACCESS_KEY_ID" -F "policy=$POLICY" -F "signature=$FORM_SIG" \
  -F success_action_status=201 -F Content-Type=text/plain -F "file=@$WORK/form.txt" "$EP/s3cmd-v2")
if [ "$code" = 201 ] && grep -q '<Key>web/form.txt</Key>' "$WORK/form.xml" \
   && curl -sf -o "$WORK/form-back.txt" "$(timeout 30 "${S3CMD2[@]}" signurl s3://s3cmd-v2/web/form.txt +300 2>/dev/null | tail -1)" \
   && cmp -s "$WORK/form.txt" "$WORK/form-back.txt"; then
  ok "curl browser-form POST (SigV2 policy) -> 201 PostResponse, object stored"
else bad "curl browser-form POST (got $code)" "$WORK/form.xml"; fi
code=$(curl -s -o "$WORK/form-bad.xml" -w '%{http_code}' -F 'key=other/${filename}' \
  -F "AWSAccessKeyId=$AWS_ACCESS_KEY_ID" -F "policy=$POLICY" -F "signature=$FORM_SIG" \
  -F success_action_status=201 -F Content-Type=text/plain -F "file=@$WORK/form.txt" "$EP/s3cmd-v2")
if [ "$code" = 403 ] && grep -q 'Invalid according to Policy' "$WORK/form-bad.xml"; then
  ok "curl form outside the policy -> 403"; else bad "curl form outside the policy (got $code)" "$WORK/form-bad.xml"; fi

# --- rclone
export RCLONE_CONFIG_DFS_TYPE=s3 RCLONE_CONFIG_DFS_PROVIDER=Other RCLONE_CONFIG_DFS_ENDPOINT="$EP" \
  RCLONE_CONFIG_DFS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_DFS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" \
  RCLONE_CONFIG_DFS_REGION=us-east-1 RCLONE_CONFIG_DFS_FORCE_PATH_STYLE=true
# rclone's AWS SDK refuses a custom CA bundle on plain-HTTP endpoints; none is needed here.
RCLONE=(env -u AWS_CA_BUNDLE rclone --config /dev/null)
mkdir -p "$WORK/tree/sub" && cp "$WORK/one.bin" "$WORK/small.bin" "$WORK/tree/" && cp "$WORK/zero.bin" "$WORK/tree/sub/"
cp "$WORK/big.bin" "$WORK/tree/sub/"
check "rclone mkdir" "${RCLONE[@]}" mkdir dfs:rclone-bucket
check "rclone copy tree (incl. 100 MiB multipart)" "${RCLONE[@]}" copy "$WORK/tree" dfs:rclone-bucket/tree --s3-upload-cutoff 10M --s3-chunk-size 5M
check "rclone check (size + md5)" "${RCLONE[@]}" check "$WORK/tree" dfs:rclone-bucket/tree
check "rclone copy back" "${RCLONE[@]}" copy dfs:rclone-bucket/tree "$WORK/tree-back"
same "rclone round trip 100 MiB" "$WORK/big.bin" "$WORK/tree-back/sub/big.bin"
same "rclone round trip small" "$WORK/small.bin" "$WORK/tree-back/small.bin"
if timeout 60 "${RCLONE[@]}" lsf dfs:rclone-bucket/tree >"$WORK/lsf.txt" 2>&1 && grep -qx 'sub/' "$WORK/lsf.txt"; then
  ok "rclone lsf shows directory"; else bad "rclone lsf shows directory" "$WORK/lsf.txt"; fi
check "rclone purge" "${RCLONE[@]}" purge dfs:rclone-bucket

# --- boto3
cat > "$WORK/boto.py" <<PY
import boto3, hashlib, sys
from botocore.config import Config
s3 = boto3.client("s3", endpoint_url="$EP", region_name="us-east-1",
                  config=Config(s3={"addressing_style": "path"}))
s3.create_bucket(Bucket="boto-bucket")
data = open("$WORK/small.bin", "rb").read()
s3.put_object(Bucket="boto-bucket", Key="a/b c.bin", Body=data)
got = s3.get_object(Bucket="boto-bucket", Key="a/b c.bin")["Body"].read()
assert got == data, "bytes differ"
s3.upload_file("$WORK/big.bin", "boto-bucket", "big.bin")
s3.download_file("boto-bucket", "big.bin", "$WORK/boto-big.bin")
keys = [o["Key"] for o in s3.list_objects_v2(Bucket="boto-bucket")["Contents"]]
assert keys == ["a/b c.bin", "big.bin"], keys
s3.delete_object(Bucket="boto-bucket", Key="a/b c.bin")
print("boto3 ok")
PY
PY=python3
/usr/bin/python3 -c 'import boto3' 2>/dev/null && PY=/usr/bin/python3
check "boto3 put/get/upload_file/list/delete" "$PY" "$WORK/boto.py"
same "boto3 round trip 100 MiB" "$WORK/big.bin" "$WORK/boto-big.bin"

echo
echo "cli-smoke: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
