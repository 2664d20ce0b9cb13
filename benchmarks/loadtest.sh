#!/usr/bin/env bash
# Runs the operators' load tool from the benchmarks jar (whose default main stays JMH):
#   benchmarks/loadtest.sh -t tcp --prefix 88.118.8 --count 1000000 --duration 30s
#   benchmarks/loadtest.sh canned --threads 1     # the canned-reply server, for the tool's own ceiling
# JAVA_OPTS is passed to the JVM; IDNODE_BENCH_JAR overrides the jar's location.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="${IDNODE_BENCH_JAR:-$here/target/idnode-benchmarks.jar}"
if [[ ! -f "$jar" ]]; then
  echo "loadtest: $jar not found; build it with: ./mvnw -q -DskipTests package" >&2
  exit 2
fi
main=org.idnode.bench.load.LoadTool
if [[ "${1:-}" == canned ]]; then
  shift
  main=org.idnode.bench.load.CannedServer
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of words on purpose
exec java ${JAVA_OPTS:-} -cp "$jar" "$main" "$@"
