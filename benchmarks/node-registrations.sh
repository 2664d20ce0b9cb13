#!/usr/bin/env bash
# Reproduces the registration figures of benchmarks/README.md: the node pinned to core 0 with one
# event loop, its prefix administrator's key (idnode keygen) as adminKeyFile, the load tool pinned
# to core 1 with one thread creating as that administrator (300:0.NA/88.118.8).
#   benchmarks/node-registrations.sh prepare      # keys + 100k gen records into /tmp/idnode-reg
#   benchmarks/node-registrations.sh tcp --workload create -c 1 --in-flight 32 --warmup 5s --duration 20s
#   benchmarks/node-registrations.sh tcp-oneshot --workload create -c 8 --duration 20s
#   benchmarks/node-registrations.sh tcp --workload mix --write-ratio 0.1 -c 4 --in-flight 32
# Every run adds its creates to the store (handles 88.118.8/LOAD-<run>-<n>); prepare starts afresh.
set -euo pipefail
cd "$(dirname "$0")/.."
data=${IDNODE_REG_DIR:-/tmp/idnode-reg}
records=${IDNODE_REG_RECORDS:-100000}
jar=node/target/idnode.jar
if [[ "${1:-}" == prepare ]]; then
  rm -rf "$data" && mkdir -p "$data"
  java -jar "$jar" keygen --out "$data/keys" --no-passphrase
  java -jar "$jar" gen --prefix 88.118.8 --count "$records" --out "$data/records.jsonl"
  java -jar "$jar" import --data-dir "$data" "$data/records.jsonl"
  exit 0
fi
transport=$1; shift
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf 'dataDir: %s\nioThreads: 1\nprefixes: [88.118.8]\nadminKeyFile: %s\nserverAdmins: ["300:0.NA/88.118.8"]\n%s\n' \
  "$data" "$data/keys/admpub.bin" "${NODE_CONFIG_EXTRA:-}" > "$config"
log=$(mktemp)
# shellcheck disable=SC2086 # option lists on purpose
taskset -c 0 java ${NODE_OPTS:-} -Xmx2g -jar "$jar" run --config "$config" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "idnode ready" "$log" && break; sleep 0.1; done
grep "idnode ready" "$log" || { cat "$log"; kill "$pid"; exit 1; }
# shellcheck disable=SC2086
taskset -c 1 java ${LOAD_OPTS:-} -cp benchmarks/target/idnode-benchmarks.jar org.idnode.bench.load.LoadTool \
  -t "$transport" --prefix 88.118.8 --count "$records" --threads 1 \
  --auth-id 300:0.NA/88.118.8 --auth-key "$data/keys/admpriv.bin" "$@" || true
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -f "$log"
