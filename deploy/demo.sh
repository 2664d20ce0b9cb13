#!/usr/bin/env bash
# One-machine demo: an idnode with sample identifiers plus a Prometheus scraping its metrics, both on
# loopback only, everything under deploy/run/ (gitignored).
#
#   deploy/demo.sh [start]     build the jar if missing, start node + Prometheus, wait until both are ready
#   deploy/demo.sh load [N]    send N (default 1000) REST resolutions so the graphs show something
#   deploy/demo.sh status      what is running
#   deploy/demo.sh stop        stop exactly the processes this script started (pid files in deploy/run/)
#
# Ports (loopback; override through the environment): IDNODE_PORT (2641, Handle TCP+UDP),
# IDNODE_HTTP_PORT (8000), IDNODE_ADMIN_PORT (9641, /metrics /health /ready), PROMETHEUS_PORT (9090).
# Other settings: IDNODE_DEMO_PREFIX (88.118.8), PROMETHEUS (/usr/bin/prometheus), IDNODE_JAR
# (node/target/idnode.jar; built when missing unless set).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF="$ROOT/deploy/$(basename "${BASH_SOURCE[0]}")"
RUN="$ROOT/deploy/run"
JAR=${IDNODE_JAR:-$ROOT/node/target/idnode.jar}
RULES="$ROOT/deploy/prometheus/idnode-rules.yml"
HOST=127.0.0.1
PREFIX=${IDNODE_DEMO_PREFIX:-88.118.8}
PORT=${IDNODE_PORT:-2641}
HTTP_PORT=${IDNODE_HTTP_PORT:-8000}
ADMIN_PORT=${IDNODE_ADMIN_PORT:-9641}
PROM_PORT=${PROMETHEUS_PORT:-9090}
PROMETHEUS=${PROMETHEUS:-/usr/bin/prometheus}
NODE_PID="$RUN/idnode.pid"
PROM_PID="$RUN/prometheus.pid"
READY_TIMEOUT=90 # seconds, for each of the two

say() { printf 'demo: %s\n' "$*"; }
die() { printf 'demo: %s\n' "$*" >&2; exit 1; }

# The pid in FILE if that process is still the one we started (its command line names our run dir;
# a pid reused by some other process is left alone).
live_pid() {
    local file=$1 pid
    [[ -f $file ]] || return 1
    pid=$(<"$file")
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$RUN/" || return 1
    printf '%s\n' "$pid"
}

stop_one() {
    local name=$1 file=$2 pid i
    if ! pid=$(live_pid "$file"); then
        rm -f "$file"
        return 0
    fi
    say "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do # up to 30 s for a clean stop (the node closes RocksDB)
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name did not stop within 30 s; killing pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

stop() {
    stop_one prometheus "$PROM_PID"
    stop_one idnode "$NODE_PID"
}

# Waits up to READY_TIMEOUT seconds for URL to answer 2xx while the process in PIDFILE lives.
wait_ready() {
    local name=$1 url=$2 pidfile=$3 log=$4 i pid
    pid=$(<"$pidfile")
    for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
        # kill -0, not live_pid: right after the fork the child may not have exec'd its command yet.
        if ! kill -0 "$pid" 2>/dev/null; then
            printf 'demo: %s exited during start; last lines of %s:\n' "$name" "$log" >&2
            tail -n 20 "$log" >&2 || true
            return 1
        fi
        if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    printf 'demo: %s not ready after %d s (%s); last lines of %s:\n' "$name" "$READY_TIMEOUT" "$url" "$log" >&2
    tail -n 20 "$log" >&2 || true
    return 1
}

port_free() {
    ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

start() {
    if [[ ! -x $PROMETHEUS ]]; then
        printf 'demo: prometheus not found at %s. Install it with:\n  sudo apt-get install prometheus\n' "$PROMETHEUS" >&2
        exit 2
    fi
    command -v curl >/dev/null || die "curl is needed (sudo apt-get install curl)"
    command -v java >/dev/null || die "java 17 is needed"
    if live_pid "$NODE_PID" >/dev/null || live_pid "$PROM_PID" >/dev/null; then
        die "already running (deploy/demo.sh status); stop it first with deploy/demo.sh stop"
    fi
    if [[ ! -f $JAR && -n ${IDNODE_JAR:-} ]]; then
        die "IDNODE_JAR=$JAR does not exist"
    elif [[ ! -f $JAR ]]; then
        say "building $JAR (./mvnw -q -DskipTests package)"
        # IDNODE_BUILD_LOCK: optional lock file to serialise builds on a shared machine.
        (cd "$ROOT" && ${IDNODE_BUILD_LOCK:+flock "$IDNODE_BUILD_LOCK"} ./mvnw -q -DskipTests package)
    fi
    if ! java -jar "$JAR" run --help 2>&1 | grep -q -- '--admin-port'; then
        die "$JAR has no admin port (--admin-port), so no /metrics: rebuild it from a checkout with metrics"
    fi
    local p
    for p in "$PORT" "$HTTP_PORT" "$ADMIN_PORT" "$PROM_PORT"; do
        port_free "$p" || die "port $HOST:$p is in use; choose others with IDNODE_PORT, IDNODE_HTTP_PORT, IDNODE_ADMIN_PORT, PROMETHEUS_PORT"
    done

    mkdir -p "$RUN/idnode-data" "$RUN/prometheus-data"
    trap 'say "start failed; stopping what was started"; stop' ERR

    say "starting idnode on $HOST (Handle $PORT, HTTP $HTTP_PORT, admin $ADMIN_PORT), prefix $PREFIX, data in deploy/run/idnode-data"
    # Flags for what differs from deploy/idnode.yaml's defaults; the file for the rest.
    cat >"$RUN/idnode.yaml" <<EOF
# Written by deploy/demo.sh; keys as in deploy/idnode.yaml.
adminBind: $HOST
accessLog: $RUN/access.log
EOF
    # The node refuses IDNODE_* variables it does not know: this script's own are not passed on.
    env -u IDNODE_JAR -u IDNODE_DEMO_PREFIX -u IDNODE_BUILD_LOCK \
        nohup java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$JAR" run --config "$RUN/idnode.yaml" \
        --data-dir "$RUN/idnode-data" --bind "$HOST" --port "$PORT" --http-port "$HTTP_PORT" \
        --admin-port "$ADMIN_PORT" --prefix "$PREFIX" --demo \
        >"$RUN/idnode.log" 2>&1 </dev/null &
    echo $! >"$NODE_PID"
    wait_ready idnode "http://$HOST:$ADMIN_PORT/ready" "$NODE_PID" "$RUN/idnode.log"

    # The scrape settings of deploy/prometheus/prometheus.yml, aimed at this node, with its rules.
    cat >"$RUN/prometheus.yml" <<EOF
# Written by deploy/demo.sh; see deploy/prometheus/prometheus.yml.
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $RULES
scrape_configs:
  - job_name: idnode
    scrape_interval: 5s
    scrape_timeout: 4s
    metrics_path: /metrics
    static_configs:
      - targets: ['$HOST:$ADMIN_PORT']
EOF
    say "starting Prometheus on $HOST:$PROM_PORT, data in deploy/run/prometheus-data"
    nohup "$PROMETHEUS" --config.file="$RUN/prometheus.yml" --storage.tsdb.path="$RUN/prometheus-data" \
        --storage.tsdb.retention.time=2d --web.listen-address="$HOST:$PROM_PORT" \
        >"$RUN/prometheus.log" 2>&1 </dev/null &
    echo $! >"$PROM_PID"
    wait_ready prometheus "http://$HOST:$PROM_PORT/-/ready" "$PROM_PID" "$RUN/prometheus.log"
    trap - ERR

    # First scrape within one interval (5 s); wait for it, bounded, so the URLs below show data.
    local i up=""
    for ((i = 0; i < 30; i++)); do
        if curl -fsS --max-time 2 "http://$HOST:$PROM_PORT/api/v1/query?query=up%7Bjob%3D%22idnode%22%7D" 2>/dev/null \
            | grep -q '"value":\[[0-9.]*,"1"\]'; then
            up=yes
            break
        fi
        sleep 1
    done
    [[ -n $up ]] || say "warning: Prometheus has not scraped the node successfully yet (see http://$HOST:$PROM_PORT/targets)"

    local h="$PREFIX/PUMP-2024-000017"
    cat <<EOF

idnode and Prometheus are running (loopback only):
  REST          http://$HOST:$HTTP_PORT/api/handles/$h?pretty
  Handle        udp/tcp $HOST:$PORT   java -jar node/target/idnode.jar resolve --via udp --port $PORT $h
  metrics       http://$HOST:$ADMIN_PORT/metrics   (health: /health, readiness: /ready)
  Prometheus    http://$HOST:$PROM_PORT/targets    http://$HOST:$PROM_PORT/alerts
  a query       http://$HOST:$PROM_PORT/graph?g0.expr=sum%20by%20(transport%2C%20rc)%20(rate(idnode_requests_total%5B1m%5D))&g0.tab=0&g0.range_input=15m
Some traffic:   deploy/demo.sh load 2000
Grafana:        import deploy/grafana/idnode-dashboard.json, data source http://$HOST:$PROM_PORT
Logs:           deploy/run/idnode.log, deploy/run/access.log, deploy/run/prometheus.log
Stop:           deploy/demo.sh stop
EOF
}

load() {
    local n=${1:-1000} i ok=0 missing=0
    if ! [[ $n =~ ^[0-9]+$ ]] || ((n < 1 || n > 100000)); then
        die "load N: N between 1 and 100000"
    fi
    live_pid "$NODE_PID" >/dev/null || die "the demo node is not running (deploy/demo.sh start)"
    local base="http://$HOST:$HTTP_PORT/api/handles"
    local handles=("$PREFIX/PUMP-2024-000017" "$PREFIX/PUMP-2024-000017?type=URL" "$PREFIX/NO-SUCH-ITEM")
    # One curl process per 100 requests, keep-alive within it.
    for ((i = 0; i < n; i += 100)); do
        local batch=$((n - i < 100 ? n - i : 100)) urls=() j
        for ((j = 0; j < batch; j++)); do
            urls+=(-o /dev/null "$base/${handles[$(((i + j) % 3))]}")
        done
        local codes
        codes=$(curl -s -w '%{http_code}\n' --max-time 30 "${urls[@]}" || true)
        ok=$((ok + $(grep -c '^200$' <<<"$codes" || true)))
        missing=$((missing + $(grep -c '^404$' <<<"$codes" || true)))
    done
    say "sent $n requests: $ok answered 200, $missing answered 404 (handle not found, on purpose)"
}

status() {
    local pid
    if pid=$(live_pid "$NODE_PID"); then say "idnode running, pid $pid (admin http://$HOST:$ADMIN_PORT/metrics)"; else say "idnode not running"; fi
    if pid=$(live_pid "$PROM_PID"); then say "prometheus running, pid $pid (http://$HOST:$PROM_PORT)"; else say "prometheus not running"; fi
}

case ${1:-start} in
    start) start ;;
    stop) stop ;;
    load) load "${2:-1000}" ;;
    status) status ;;
    -h | --help | help) sed -n '2,13p' "$SELF" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$1' (start, load [N], status, stop)" ;;
esac
