#!/usr/bin/env bash
# Checks the monitoring side of deploy/ and the node's live metrics; exits non-zero on any failure.
#
#   deploy/check-prometheus.sh            everything below
#   deploy/check-prometheus.sh --static   only the files (no node started, no jar needed)
#   deploy/check-prometheus.sh --strict-lint   also fail on lint findings in Micrometer's metric names
#
#  1. promtool check config deploy/prometheus/prometheus.yml       (includes the rule file)
#  2. promtool check rules  deploy/prometheus/idnode-rules.yml
#  3. promtool test rules   deploy/prometheus/idnode-rules.test.yml (the rules on synthetic series)
#  4. deploy/grafana/check-dashboard.py                             (JSON, layout, metric names)
#  5. starts node/target/idnode.jar briefly on 127.0.0.1 with ephemeral ports (--port 0 --http-port 0
#     --admin-port 0), a temporary data directory and the access log on, sends a little traffic,
#     then: /health and /ready answer 200, `promtool check metrics` parses /metrics and finds nothing
#     to lint in idnode_* metrics, every metric the dashboard and rules use is there, rc labels are
#     numeric Handle codes; stops it with SIGTERM.
#     Lint findings on metrics of Micrometer's own binders (jvm_*, process_*, system_*, netty_*; e.g.
#     system_cpu_count "should not have _count suffix") are printed but do not fail the check, since
#     their names are Micrometer's; --strict-lint makes them fail too.
#
# Needs promtool (Debian: sudo apt-get install prometheus), python3, curl, java 17 and a built jar
# (./mvnw -q -DskipTests package; another jar with IDNODE_JAR=path).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF="$ROOT/deploy/$(basename "${BASH_SOURCE[0]}")"
cd "$ROOT" || exit 1
JAR=${IDNODE_JAR:-$ROOT/node/target/idnode.jar}
HOST=127.0.0.1
PREFIX=88.118.8
STATIC=""
STRICT_LINT=""
for arg in "$@"; do
    case $arg in
        --static) STATIC=yes ;;
        --strict-lint) STRICT_LINT=yes ;;
        -h | --help) sed -n '2,21p' "$SELF" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "usage: deploy/check-prometheus.sh [--static] [--strict-lint]" >&2; exit 2 ;;
    esac
done

if ! command -v promtool >/dev/null; then
    echo "promtool not found. Install it with: sudo apt-get install prometheus" >&2
    exit 2
fi

FAILED=()
step() {
    local name=$1
    shift
    printf '\n== %s\n' "$name"
    if "$@"; then
        printf -- '-- ok: %s\n' "$name"
    else
        printf -- '-- FAILED: %s\n' "$name"
        FAILED+=("$name")
    fi
}

# Every series name the dashboard and the rules read; histograms as their _bucket series.
REQUIRED_METRICS=(
    idnode_requests_total
    idnode_request_duration_seconds_bucket idnode_request_duration_seconds_count idnode_request_duration_seconds_sum
    idnode_requests_in_flight
    idnode_received_bytes_total idnode_sent_bytes_total
    idnode_rocksdb_estimated_keys idnode_rocksdb_live_sst_bytes
    idnode_rocksdb_block_cache_hits_total idnode_rocksdb_block_cache_misses_total
    idnode_rocksdb_row_cache_hits_total idnode_rocksdb_row_cache_misses_total
    idnode_rocksdb_pending_compaction_bytes idnode_rocksdb_write_stall_seconds_total
    idnode_access_log_dropped_total
    jvm_memory_used_bytes jvm_gc_pause_seconds_count jvm_gc_pause_seconds_sum jvm_gc_pause_seconds_max
    jvm_threads_live_threads process_cpu_usage system_cpu_usage process_uptime_seconds process_files_open_files
)
# Present only once something was rejected: a warning when missing, not a failure.
OPTIONAL_METRICS=(idnode_input_rejected_total)

# "PORT" of the first "<word> [junk]A.B.C.D:PORT" on the line, e.g. word=admin in
# "... http /127.0.0.1:8000 admin /127.0.0.1:9641 (epoll) ..."; also "admin=127.0.0.1:9641",
# "admin http://127.0.0.1:9641".
port_after() {
    grep -oE "(^|[^[:alnum:]_])$1[^0-9]{0,20}[0-9]{1,3}(\.[0-9]{1,3}){3}:[0-9]+" <<<"$2" | head -n 1 | sed -E 's/.*:([0-9]+)$/\1/'
}

live_metrics() (
    # A subshell: its EXIT trap stops the node and removes the temporary directory whatever happens.
    if [[ ! -f $JAR ]]; then
        echo "no $JAR: build it first (./mvnw -q -DskipTests package), or run with --static"
        exit 1
    fi
    for tool in java curl python3; do
        command -v "$tool" >/dev/null || { echo "$tool not found"; exit 1; }
    done
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/idnode-check.XXXXXX") || exit 1
    pid=""
    # shellcheck disable=SC2317 # called by the EXIT trap
    cleanup() {
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null
            for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
            kill -KILL "$pid" 2>/dev/null
        fi
        rm -rf "$tmp"
    }
    trap cleanup EXIT

    # Access log on, so that idnode_access_log_dropped_total is exported too.
    printf 'accessLog: %s\n' "$tmp/access.log" >"$tmp/idnode.yaml"
    java -Xmx256m -jar "$JAR" run --config "$tmp/idnode.yaml" --data-dir "$tmp/data" --bind "$HOST" \
        --port 0 --http-port 0 --admin-port 0 --prefix "$PREFIX" --demo >"$tmp/node.log" 2>&1 </dev/null &
    pid=$!

    ready=""
    for ((i = 0; i < 120; i++)); do # up to 60 s
        ready=$(grep -m 1 'idnode ready in' "$tmp/node.log")
        [[ -n $ready ]] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "the node exited before it was ready:"
            cat "$tmp/node.log"
            exit 1
        fi
        sleep 0.5
    done
    if [[ -z $ready ]]; then
        echo "no ready line within 60 s:"
        cat "$tmp/node.log"
        exit 1
    fi
    echo "node: $ready"
    admin=$(port_after admin "$ready")
    if [[ -z $admin ]]; then
        # Not on the ready line: any other line that names the admin address.
        admin=$(port_after admin "$(grep -i 'admin' "$tmp/node.log")")
    fi
    http=$(port_after http "$ready")
    udp=$(port_after udp "$ready")
    if [[ -z $admin ]]; then
        echo "the node does not log its admin address (does this build have --admin-port?):"
        cat "$tmp/node.log"
        exit 1
    fi
    echo "admin port $admin, http port ${http:-?}, udp port ${udp:-?}"

    # A little traffic, so request counters and the latency histogram have series: found, not found,
    # filtered, and one datagram without a readable envelope (dropped and counted).
    if [[ -n $http ]]; then
        for path in "$PREFIX/PUMP-2024-000017" "$PREFIX/PUMP-2024-000017?type=URL" "$PREFIX/NO-SUCH-ITEM" "0.NA/$PREFIX"; do
            curl -s -o /dev/null --max-time 5 "http://$HOST:$http/api/handles/$path"
        done
    fi
    if [[ -n $udp && $udp != 0 ]]; then
        printf 'not a handle message' >"/dev/udp/$HOST/$udp" || true
    fi
    sleep 1

    ok=yes
    for endpoint in health ready; do
        code=$(curl -s -o "$tmp/$endpoint.txt" -w '%{http_code}' --max-time 5 "http://$HOST:$admin/$endpoint")
        echo "GET /$endpoint -> $code $(head -c 200 "$tmp/$endpoint.txt" | tr '\n' ' ')"
        [[ $code == 200 ]] || ok=""
    done
    code=$(curl -s -D "$tmp/headers.txt" -o "$tmp/metrics.txt" -w '%{http_code}' --max-time 10 "http://$HOST:$admin/metrics")
    ctype=$(grep -i '^content-type:' "$tmp/headers.txt" | tr -d '\r')
    echo "GET /metrics -> $code, $(wc -l <"$tmp/metrics.txt") lines, $ctype"
    if [[ $code != 200 ]]; then
        echo "/metrics did not answer 200"
        exit 1
    fi

    # promtool check metrics: exit 1 = not parseable, 3 = parsed, with lint findings (one per line,
    # starting with the metric name).
    promtool check metrics <"$tmp/metrics.txt" >"$tmp/lint.txt" 2>&1
    lint=$?
    if ((lint == 0)); then
        echo "promtool check metrics: no problems"
    elif ((lint == 3)); then
        ours=$(grep -E '^idnode_' "$tmp/lint.txt")
        theirs=$(grep -vE '^idnode_' "$tmp/lint.txt")
        if [[ -n $ours ]]; then
            printf 'promtool check metrics, findings in idnode metrics:\n%s\n' "$ours"
            ok=""
        else
            echo "promtool check metrics: parses; no findings in idnode_* metrics"
        fi
        if [[ -n $theirs ]]; then
            printf 'promtool check metrics, findings in metrics of Micrometer binders%s:\n%s\n' \
                "$([[ -n $STRICT_LINT ]] && echo '' || echo ' (not failing; --strict-lint to fail)')" "$theirs"
            [[ -z $STRICT_LINT ]] || ok=""
        fi
    else
        printf 'promtool check metrics cannot parse /metrics (exit %s):\n' "$lint"
        cat "$tmp/lint.txt"
        ok=""
    fi

    names=$(grep -v '^#' "$tmp/metrics.txt" | sed -E 's/[{ ].*//' | sort -u)
    for m in "${REQUIRED_METRICS[@]}"; do
        if ! grep -qx -- "$m" <<<"$names"; then
            echo "missing metric: $m"
            ok=""
        fi
    done
    for m in "${OPTIONAL_METRICS[@]}"; do
        grep -qx -- "$m" <<<"$names" || echo "note: $m not exported yet (appears with the first rejected input)"
    done

    # The rules and the dashboard match response codes as numbers (rc=~"2|3|7").
    rcs=$(grep -oE '^idnode_requests_total\{[^}]*\}' "$tmp/metrics.txt" | grep -oE 'rc="[^"]*"' | sort -u | tr '\n' ' ')
    echo "rc labels seen: ${rcs:-none}"
    if [[ -z $rcs ]]; then
        echo "no idnode_requests_total series after sending requests"
        ok=""
    elif grep -qvE '^rc="([0-9]+|other)"$' <<<"$(tr ' ' '\n' <<<"$rcs" | sed '/^$/d')"; then
        echo "rc label values are not numeric Handle response codes; the rules and dashboard expect numbers"
        ok=""
    fi
    transports=$(grep -oE '^idnode_requests_total\{[^}]*\}' "$tmp/metrics.txt" | grep -oE 'transport="[^"]*"' | sort -u | tr '\n' ' ')
    echo "transports seen: ${transports:-none}"

    kill -TERM "$pid"
    for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
        echo "the node did not stop within 30 s of SIGTERM"
        ok=""
    else
        wait "$pid"
        status=$?
        echo "node stopped on SIGTERM, exit status $status"
        [[ $status == 143 || $status == 0 ]] || ok=""
    fi
    [[ -n $ok ]]
)

step "promtool check config deploy/prometheus/prometheus.yml" promtool check config deploy/prometheus/prometheus.yml
step "promtool check rules deploy/prometheus/idnode-rules.yml" promtool check rules deploy/prometheus/idnode-rules.yml
step "promtool test rules deploy/prometheus/idnode-rules.test.yml" promtool test rules deploy/prometheus/idnode-rules.test.yml
step "dashboard deploy/grafana/idnode-dashboard.json" python3 deploy/grafana/check-dashboard.py deploy/grafana/idnode-dashboard.json
if [[ -z $STATIC ]]; then
    step "live /metrics of a node (promtool check metrics)" live_metrics
fi

echo
if ((${#FAILED[@]})); then
    echo "check-prometheus: ${#FAILED[@]} failed: ${FAILED[*]}"
    exit 1
fi
echo "check-prometheus: all passed"
