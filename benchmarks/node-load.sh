#!/usr/bin/env bash
# Reproduces the node figures of benchmarks/README.md: the node pinned to core 0 with one event
# loop, the load tool pinned to core 1 with one thread, both on loopback.
#   benchmarks/node-load.sh prepare                 # gen + import 1M records into /tmp/idnode-perf
#   benchmarks/node-load.sh udp -c 4 --in-flight 32 --warmup 30s --duration 10s
#   benchmarks/node-load.sh tcp -c 4 --in-flight 64 --rate 135000 --warmup 30s --duration 15s
# NODE_OPTS / LOAD_OPTS add JVM options; NODE_CONFIG_EXTRA adds YAML lines (e.g. "metrics: false").
set -euo pipefail
cd "$(dirname "$0")/.."
data=${IDNODE_PERF_DIR:-/tmp/idnode-perf}
jar=node/target/idnode.jar
if [[ "${1:-}" == prepare ]]; then
  rm -rf "$data" && mkdir -p "$data"
  java -jar "$jar" gen --prefix 88.118.8 --count 1000000 --out "$data/records.jsonl"
  java -jar "$jar" import --data-dir "$data" "$data/records.jsonl"
  du -sb "$data/db"
  exit 0
fi
transport=$1; shift
config=$(mktemp)
trap 'rm -f "$config"' EXIT
printf 'dataDir: %s\nioThreads: 1\nprefixes: [88.118.8]\n%s\n' "$data" "${NODE_CONFIG_EXTRA:-}" > "$config"
log=$(mktemp)
# shellcheck disable=SC2086 # option lists on purpose
taskset -c 0 java ${NODE_OPTS:-} -Xmx2g -jar "$jar" run --config "$config" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q "idnode ready" "$log" && break; sleep 0.1; done
grep "idnode ready" "$log" || { cat "$log"; kill "$pid"; exit 1; }
# shellcheck disable=SC2086
taskset -c 1 java ${LOAD_OPTS:-} -cp benchmarks/target/idnode-benchmarks.jar org.idnode.bench.load.LoadTool \
  -t "$transport" --prefix 88.118.8 --count 1000000 --threads 1 --expect-values 2 "$@" || true
ps -o rss= -p "$pid" | awk '{printf "node RSS: %.0f MB\n", $1/1024}'
kill "$pid"; wait "$pid" 2>/dev/null || true
rm -f "$log"
