#!/usr/bin/env bash
# One-machine stream demo: a Kafka broker (KRaft, one node), a primary idnode streaming every
# registration to it, and a read-only mirror applying the stream; loopback only, everything under
# deploy/run/stream/ (gitignored).
#
#   deploy/stream-demo.sh [start]   build what is missing, start broker, primary and mirror, wait until ready
#   deploy/stream-demo.sh try       register a handle on the primary, resolve it on the mirror, say how long it took
#   deploy/stream-demo.sh kafka-stop | kafka-start   take the broker away and bring it back (try registering meanwhile)
#   deploy/stream-demo.sh status    what is running
#   deploy/stream-demo.sh stop      stop exactly what this script started (mirror, primary, broker), cleanly
#   deploy/stream-demo.sh wipe      stop, then delete deploy/run/stream (broker data, both stores, the admin key)
#
# Ports (loopback; override through the environment): KAFKA_PORT (19092; its controller KAFKA_PORT+1),
# PRIMARY_PORT (2641, Handle TCP+UDP), PRIMARY_HTTP_PORT (8000), PRIMARY_ADMIN_PORT (9641),
# MIRROR_PORT (2651), MIRROR_HTTP_PORT (8010), MIRROR_ADMIN_PORT (9651).
# Other settings: IDNODE_DEMO_PREFIX (88.118.8), IDNODE_JAR (node/target/idnode.jar; built when missing).
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SELF="$ROOT/deploy/$(basename "${BASH_SOURCE[0]}")"
RUN=${IDNODE_DEMO_RUN:-$ROOT/deploy/run/stream} # IDNODE_DEMO_RUN: another folder (tests use one of their own)
JAR=${IDNODE_JAR:-$ROOT/node/target/idnode.jar}
KAFKA_LIB="$ROOT/deploy/kafka/target/lib"
HOST=127.0.0.1
PREFIX=${IDNODE_DEMO_PREFIX:-88.118.8}
KAFKA_PORT=${KAFKA_PORT:-19092}
CONTROLLER_PORT=$((KAFKA_PORT + 1))
PRIMARY_PORT=${PRIMARY_PORT:-2641}
PRIMARY_HTTP_PORT=${PRIMARY_HTTP_PORT:-8000}
PRIMARY_ADMIN_PORT=${PRIMARY_ADMIN_PORT:-9641}
MIRROR_PORT=${MIRROR_PORT:-2651}
MIRROR_HTTP_PORT=${MIRROR_HTTP_PORT:-8010}
MIRROR_ADMIN_PORT=${MIRROR_ADMIN_PORT:-9651}
READY_TIMEOUT=90 # seconds, for each part
TOPIC=idnode.registrations
SHOWN=${RUN#"$ROOT"/} # for messages

say() { printf 'stream-demo: %s\n' "$*"; }
die() { printf 'stream-demo: %s\n' "$*" >&2; exit 1; }

# The pid in FILE if that process is still the one we started (its command line names our run
# folder; a pid reused by another process is left alone).
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
    for ((i = 0; i < 120; i++)); do # up to 60 s: the node drains and closes RocksDB, the broker flushes
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name did not stop within 60 s; killing pid $pid"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

stop() {
    stop_one mirror "$RUN/mirror.pid"
    stop_one primary "$RUN/primary.pid"
    stop_one kafka "$RUN/kafka.pid"
}

# Waits until CHECK (a command) succeeds while the process in PIDFILE lives.
wait_for() {
    local name=$1 pidfile=$2 log=$3 i pid
    shift 3
    pid=$(<"$pidfile")
    for ((i = 0; i < READY_TIMEOUT * 2; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            printf 'stream-demo: %s exited during start; last lines of %s:\n' "$name" "$log" >&2
            tail -n 20 "$log" >&2 || true
            return 1
        fi
        if "$@" 2>/dev/null; then
            return 0
        fi
        sleep 0.5
    done
    printf 'stream-demo: %s not ready after %d s; last lines of %s:\n' "$name" "$READY_TIMEOUT" "$log" >&2
    tail -n 20 "$log" >&2 || true
    return 1
}

ready() { curl -fsS -o /dev/null --max-time 2 "http://$HOST:$1/ready"; }
port_free() { ! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

start_kafka() {
    if [[ ! -f $KAFKA_LIB/.complete ]]; then
        say "fetching the Kafka broker's jars (./mvnw -f deploy/kafka/pom.xml dependency:copy-dependencies)"
        (cd "$ROOT" && ./mvnw -B -q -f deploy/kafka/pom.xml dependency:copy-dependencies >"$RUN/kafka-fetch.log" 2>&1) \
            || { tail -n 30 "$RUN/kafka-fetch.log" >&2; die "could not fetch the Kafka jars"; }
        touch "$KAFKA_LIB/.complete"
    fi
    sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$CONTROLLER_PORT#g" -e "s#@DATA@#$RUN/kafka-data#g" \
        "$ROOT/deploy/kafka/broker.properties" >"$RUN/kafka.properties"
    if [[ ! -f $RUN/kafka-data/meta.properties ]]; then
        # KRaft storage is formatted once; its cluster id is made here.
        local id
        id=$(java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool random-uuid | tail -n 1)
        java -cp "$KAFKA_LIB/*" kafka.tools.StorageTool format --cluster-id "$id" --config "$RUN/kafka.properties" \
            --standalone >"$RUN/kafka-format.log" 2>&1 || { cat "$RUN/kafka-format.log" >&2; die "could not format the broker's storage"; }
    fi
    say "starting Kafka on $HOST:$KAFKA_PORT, data in $SHOWN/kafka-data"
    : >"$RUN/kafka.log"
    nohup java -Xms128m -Xmx512m -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" \
        -cp "$KAFKA_LIB/*" kafka.Kafka "$RUN/kafka.properties" >"$RUN/kafka.log" 2>&1 </dev/null &
    echo $! >"$RUN/kafka.pid"
    wait_for kafka "$RUN/kafka.pid" "$RUN/kafka.log" grep -q "Kafka Server started" "$RUN/kafka.log"
}

start_node() {
    local name=$1 port=$2 http=$3 admin=$4
    shift 4
    say "starting the $name on $HOST (Handle $port, HTTP $http, admin $admin), data in $SHOWN/$name"
    # The node refuses IDNODE_* variables it does not know: this script's own are not passed on.
    env -u IDNODE_DEMO_RUN -u IDNODE_JAR -u IDNODE_DEMO_PREFIX \
        IDNODE_ADMIN_KEY_FILE="$RUN/admin/admpub.bin" IDNODE_ADMIN_BIND=$HOST IDNODE_NODE_ID="demo-$name" \
        nohup java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$JAR" run --data-dir "$RUN/$name" --bind "$HOST" \
        --port "$port" --http-port "$http" --admin-port "$admin" "$@" >"$RUN/$name.log" 2>&1 </dev/null &
    echo $! >"$RUN/$name.pid"
    wait_for "$name" "$RUN/$name.pid" "$RUN/$name.log" ready "$admin"
}

start() {
    command -v curl >/dev/null || die "curl is needed (sudo apt-get install curl)"
    command -v java >/dev/null || die "java 17 is needed"
    local f
    for f in kafka primary mirror; do
        live_pid "$RUN/$f.pid" >/dev/null && die "already running (deploy/stream-demo.sh status); stop it first with deploy/stream-demo.sh stop"
    done
    local p
    for p in "$KAFKA_PORT" "$CONTROLLER_PORT" "$PRIMARY_PORT" "$PRIMARY_HTTP_PORT" "$PRIMARY_ADMIN_PORT" \
        "$MIRROR_PORT" "$MIRROR_HTTP_PORT" "$MIRROR_ADMIN_PORT"; do
        port_free "$p" || die "port $HOST:$p is in use; choose others (deploy/stream-demo.sh --help)"
    done
    if [[ ! -f $JAR ]]; then
        [[ -z ${IDNODE_JAR:-} ]] || die "IDNODE_JAR=$JAR does not exist"
        say "building $JAR (./mvnw -q -DskipTests package)"
        (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
    fi
    mkdir -p "$RUN"
    trap 'say "start failed; stopping what was started"; stop' ERR
    start_kafka
    if [[ ! -f $RUN/admin/admpub.bin ]]; then
        # The prefix administrator of the demo (300:0.NA/<prefix>): no passphrase, it is a demo.
        java -jar "$JAR" keygen --out "$RUN/admin" --no-passphrase >/dev/null
    fi
    start_node primary "$PRIMARY_PORT" "$PRIMARY_HTTP_PORT" "$PRIMARY_ADMIN_PORT" \
        --kafka "$HOST:$KAFKA_PORT" --prefix "$PREFIX"
    start_node mirror "$MIRROR_PORT" "$MIRROR_HTTP_PORT" "$MIRROR_ADMIN_PORT" --mirror-of "$HOST:$KAFKA_PORT"
    trap - ERR
    cat <<EOF

Kafka, a primary and its mirror are running (loopback only):
  Kafka         $HOST:$KAFKA_PORT, topic $TOPIC
  primary       Handle $HOST:$PRIMARY_PORT   REST http://$HOST:$PRIMARY_HTTP_PORT   metrics http://$HOST:$PRIMARY_ADMIN_PORT/metrics
  mirror        Handle $HOST:$MIRROR_PORT   REST http://$HOST:$MIRROR_HTTP_PORT   metrics http://$HOST:$MIRROR_ADMIN_PORT/metrics
Try:
  deploy/stream-demo.sh try
  java -jar node/target/idnode.jar admin create $PREFIX/PUMP-1 --value 1:URL:https://factory.example.com/pump/1 --admin \\
      --server $HOST:$PRIMARY_PORT --id 300:0.NA/$PREFIX --key $SHOWN/admin/admpriv.bin
  java -jar node/target/idnode.jar resolve --port $MIRROR_PORT $PREFIX/PUMP-1        # on the mirror
  the same create with --server $HOST:$MIRROR_PORT                                  # RC 7: the mirror is read-only
  curl -s http://$HOST:$MIRROR_ADMIN_PORT/metrics | grep idnode_mirror               # lag, applied, repeats
  curl -s http://$HOST:$PRIMARY_ADMIN_PORT/metrics | grep idnode_outbox              # the primary's outbox
  deploy/stream-demo.sh kafka-stop; deploy/stream-demo.sh try   # the primary keeps registering, its outbox grows
  deploy/stream-demo.sh kafka-start                              # the outbox drains, the mirror catches up
Logs:           $SHOWN/{kafka,primary,mirror}.log
Stop:           deploy/stream-demo.sh stop
EOF
}

try_it() {
    live_pid "$RUN/primary.pid" >/dev/null && live_pid "$RUN/mirror.pid" >/dev/null \
        || die "the demo is not running (deploy/stream-demo.sh start)"
    local handle="$PREFIX/TRY-$(date +%s%N)" t0 i
    java -jar "$JAR" admin create "$handle" --value "1:URL:https://factory.example.com/$handle" --admin \
        --server "$HOST:$PRIMARY_PORT" --id "300:0.NA/$PREFIX" --key "$RUN/admin/admpriv.bin" >/dev/null
    t0=$(date +%s%N)
    say "registered $handle on the primary"
    for ((i = 0; i < 300; i++)); do
        if curl -fsS -o /dev/null --max-time 2 "http://$HOST:$MIRROR_HTTP_PORT/api/handles/$handle"; then
            say "the mirror resolves it, $((($(date +%s%N) - t0) / 1000000)) ms after the primary acknowledged it (curl included)"
            java -jar "$JAR" resolve --port "$MIRROR_PORT" "$handle"
            local rc=0
            java -jar "$JAR" admin create "$handle-ON-MIRROR" --value 1:URL:https://x --admin --server "$HOST:$MIRROR_PORT" \
                --id "300:0.NA/$PREFIX" --key "$RUN/admin/admpriv.bin" 2>"$RUN/try-mirror-write.txt" || rc=$?
            say "a write to the mirror: exit $rc, $(cat "$RUN/try-mirror-write.txt")"
            return 0
        fi
        sleep 0.1
    done
    die "the mirror did not have $handle within 30 s (see $SHOWN/mirror.log)"
}

status() {
    local f pid
    for f in kafka primary mirror; do
        if pid=$(live_pid "$RUN/$f.pid"); then say "$f running, pid $pid"; else say "$f not running"; fi
    done
}

case ${1:-start} in
    start) start ;;
    try) try_it ;;
    kafka-stop) stop_one kafka "$RUN/kafka.pid" ;;
    kafka-start)
        live_pid "$RUN/kafka.pid" >/dev/null && die "kafka is running"
        [[ -f $RUN/kafka.properties ]] || die "start the demo first (deploy/stream-demo.sh start)"
        start_kafka
        ;;
    stop) stop ;;
    wipe) stop; rm -rf "$RUN"; say "deleted $SHOWN" ;;
    status) status ;;
    -h | --help | help) sed -n '2,16p' "$SELF" | sed 's/^# \{0,1\}//' ;;
    *) die "unknown command '$1' (start, try, kafka-stop, kafka-start, status, stop, wipe)" ;;
esac
