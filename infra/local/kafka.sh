#!/usr/bin/env bash
# Local Apache Kafka (KRaft) run from Maven Central jars; no Docker needed. One node by default;
# MOTCUA_KAFKA_BROKERS=3 runs a cluster of three nodes, each broker and controller (a 3-voter quorum).
# Usage: kafka.sh {provision|start|stop|status|brokers}
#   start    starts the nodes that are not running (after a kill -9 of one node, `start` brings it back)
#   stop     stops every node found under MOTCUA_HOME, whichever layout runs
#   brokers  prints the bootstrap list (127.0.0.1:P,127.0.0.1:P+1,...)
# Env: MOTCUA_HOME (default <repo>/.motcua), MOTCUA_KAFKA_PORT (19092),
#      MOTCUA_KAFKA_CONTROLLER_PORT (19093; one node only), MOTCUA_KAFKA_BROKERS (1 or 3; unset: 3
#      when a cluster is already running under MOTCUA_HOME, else 1),
#      MOTCUA_KAFKA_HEAP (per node; default -Xms64m -Xmx384m, with a periodic collection and free
#      ratios of 10–30 %: the workload's few topics and groups need little heap, and an idle broker
#      gives back what a burst took; 1 GB only made it hold more memory),
#      MOTCUA_KAFKA_START_TIMEOUT (s).
# Three nodes use 6 consecutive ports from MOTCUA_KAFKA_PORT: brokers P..P+2, controllers P+3..P+5.
# Each has its own data dir ($MOTCUA_HOME/kafka/node-<i>/data), pid file and log (logs/kafka-<i>.log);
# one node keeps the single-node layout ($MOTCUA_HOME/kafka/data, kafka/kafka.pid, logs/kafka.log).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
MOTCUA_HOME="${MOTCUA_HOME:-$REPO/.motcua}"
PORT="${MOTCUA_KAFKA_PORT:-19092}"
CONTROLLER_PORT="${MOTCUA_KAFKA_CONTROLLER_PORT:-19093}"
START_TIMEOUT="${MOTCUA_KAFKA_START_TIMEOUT:-120}"
NODES="${MOTCUA_KAFKA_BROKERS:-1}"
DEFAULT_HEAP="-Xms64m -Xmx384m -XX:G1PeriodicGCInterval=30000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
case "$NODES" in
  1 | 3) HEAP="${MOTCUA_KAFKA_HEAP:-$DEFAULT_HEAP}" ;;
  *)
    printf '[kafka] ERROR: %s\n' "MOTCUA_KAFKA_BROKERS must be 1 or 3, got '$NODES'" \
      "MOTCUA_KAFKA_BROKERS phải là 1 hoặc 3, nhận được '$NODES'" >&2
    exit 64
    ;;
esac

POM="$HERE/kafka/pom.xml"
LOG4J="$HERE/kafka/log4j2.xml"
LIBS="$MOTCUA_HOME/cache/kafka-libs"
KDIR="$MOTCUA_HOME/kafka"
CLUSTER_ID_FILE="$KDIR/cluster.id"

log() { printf '[kafka] %s\n' "$*"; }
die() { printf '[kafka] ERROR: %s\n' "$@" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die \
    "Java 17+ is required to run Kafka, but 'java' is not on PATH. Install it, e.g.: apt-get install openjdk-17-jre-headless" \
    "Cần Java 17 trở lên để chạy Kafka nhưng không tìm thấy lệnh 'java' trong PATH. Hãy cài đặt, ví dụ: apt-get install openjdk-17-jre-headless"
  local major
  major="$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
  if [ -n "$major" ] && [ "$major" -lt 17 ]; then
    die "Kafka 4 needs Java 17+, found Java $major." "Kafka 4 cần Java 17 trở lên, máy đang có Java $major."
  fi
}

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

# Jars are cached under $LIBS with the pom's hash, so a pom change re-provisions.
provision_libs() {
  if [ -f "$LIBS/.pom.sha256" ] && [ "$(cat "$LIBS/.pom.sha256")" = "$(pom_hash)" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die \
    "Maven ('mvn') is needed once to download the Kafka jars into $LIBS. Install it, e.g.: apt-get install maven" \
    "Cần Maven ('mvn') một lần để tải các tệp jar của Kafka về $LIBS. Hãy cài đặt, ví dụ: apt-get install maven"
  log "downloading Kafka jars with Maven into $LIBS (first run only)"
  local tmp="$LIBS.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$(dirname "$LIBS")"
  local mvnlog="$MOTCUA_HOME/logs/kafka-provision.log"
  mkdir -p "$(dirname "$mvnlog")"
  if ! mvn -q -B -f "$POM" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvnlog" 2>&1; then
    tail -n 30 "$mvnlog" >&2
    die "Maven could not fetch the Kafka jars; see $mvnlog" "Maven không tải được các tệp jar của Kafka; xem $mvnlog"
  fi
  pom_hash >"$tmp/.pom.sha256"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS" # atomic: a half-finished download is never taken for a cache hit
}

# The files and ports of node $1 (1-based) of a layout of $2 nodes: sets DATA CONF PIDFILE LOG BPORT CPORT.
node_vars() {
  local i=$1 n=$2
  if [ "$n" -eq 1 ]; then
    DATA="$KDIR/data" CONF="$KDIR/server.properties" PIDFILE="$KDIR/kafka.pid"
    LOG="$MOTCUA_HOME/logs/kafka.log" BPORT=$PORT CPORT=$CONTROLLER_PORT
  else
    DATA="$KDIR/node-$i/data" CONF="$KDIR/node-$i/server.properties" PIDFILE="$KDIR/node-$i/kafka.pid"
    LOG="$MOTCUA_HOME/logs/kafka-$i.log" BPORT=$((PORT + i - 1)) CPORT=$((PORT + n + i - 1))
  fi
}

bootstrap_list() {
  local i list=""
  for i in $(seq 1 "$NODES"); do list="${list:+$list,}127.0.0.1:$((PORT + i - 1))"; done
  echo "$list"
}

# Regenerated on every start so port changes in the environment take effect.
write_config() {
  node_vars "$1" "$NODES"
  mkdir -p "$DATA" "$(dirname "$LOG")"
  local quorum rf isr
  if [ "$NODES" -eq 1 ]; then
    quorum="controller.quorum.bootstrap.servers=127.0.0.1:$CPORT"
    rf=1 isr=1
  else
    local j voters=""
    for j in $(seq 1 "$NODES"); do voters="${voters:+$voters,}$j@127.0.0.1:$((PORT + NODES + j - 1))"; done
    # a static quorum: the voters are fixed in the config (no --initial-controllers to carry around)
    quorum="controller.quorum.voters=$voters"
    rf=3 isr=2
  fi
  cat >"$CONF" <<EOF
# Generated by infra/local/kafka.sh; edits are overwritten on start.
process.roles=broker,controller
node.id=$1
listeners=PLAINTEXT://127.0.0.1:$BPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BPORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
$quorum
log.dirs=$DATA
# internal topics: one replica on a single node; on three, 3 replicas of which 2 must take a write
# (acks=all then survives one node down)
offsets.topic.replication.factor=$rf
transaction.state.log.replication.factor=$rf
transaction.state.log.min.isr=$isr
share.coordinator.state.topic.replication.factor=$rf
share.coordinator.state.topic.min.isr=$isr
default.replication.factor=$rf
min.insync.replicas=$isr
# fewer internal partitions: the first consumer group / transaction comes up faster
offsets.topic.num.partitions=10
transaction.state.log.num.partitions=10
# tests join groups constantly; the 3 s default delay would slow every one of them
group.initial.rebalance.delay.ms=0
# A node that stops heartbeating is fenced after 6 s (Kafka: 9 s, heartbeat 2 s): until then its
# partitions have no leader and acks=all writes wait for it to leave the ISR (ADR 0015).
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=6000
# No preferred-leader election behind the operator's back: a node that returns would take its partitions
# and group coordinators back at the next 5-minute check, a second failover (every group rejoins) in
# the middle of whatever runs then. Leadership stays where the failover put it (ADR 0015).
auto.leader.rebalance.enable=false
# the project creates its topics explicitly (infra/local/create-topics.ts)
auto.create.topics.enable=false
num.partitions=1
# the log cleaner (compacted internal topics: group offsets) holds its dedupe buffer on the heap,
# 128 MB by default: most of an idle broker's live heap. 16 MB cleans the offsets of these groups.
log.cleaner.dedupe.buffer.size=16777216
# A few clients: 2 network and 2 request threads keep up (defaults 3, 8 and 10 background), and each
# thread's stack and allocator arena is memory an idle broker holds.
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
EOF
}

# The JVM's allocator gives back what the JIT and request bursts freed every 5 s (glibc keeps it
# otherwise: ~40 MB of a broker's RSS after a load). Only newer JDK 17 builds know the flag.
native_trim() {
  if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then
    echo "-XX:TrimNativeHeapInterval=5000"
  fi
}

# One id for all nodes of the layout (they must agree to form a cluster).
cluster_id() {
  if [ ! -s "$CLUSTER_ID_FILE" ]; then
    local uuid
    uuid="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
    [ -n "$uuid" ] || die "StorageTool random-uuid returned nothing." "StorageTool random-uuid không trả về giá trị nào."
    mkdir -p "$KDIR"
    echo "$uuid" >"$CLUSTER_ID_FILE"
  fi
  cat "$CLUSTER_ID_FILE"
}

format_storage() {
  node_vars "$1" "$NODES"
  [ -f "$DATA/meta.properties" ] && return 0
  local uuid mode=()
  # one node: a dynamic quorum of itself; a cluster: the static voters of its config
  [ "$NODES" -eq 1 ] && mode=(--standalone)
  uuid="$(cluster_id)"
  log "formatting storage in $DATA (cluster id $uuid)"
  java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$uuid" -c "$CONF" "${mode[@]}" >>"$LOG" 2>&1 \
    || die "Storage format failed; see $LOG" "Định dạng thư mục dữ liệu thất bại; xem $LOG"
}

pid_of() { [ -f "$PIDFILE" ] && cat "$PIDFILE"; }

is_running() {
  local pid
  pid="$(pid_of)" || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'kafka\.Kafka'
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

fail_start() {
  printf '[kafka] ---- last lines of %s ----\n' "$LOG" >&2
  tail -n 25 "$LOG" >&2 || true
  die "$@"
}

# The other layout must not be running: its nodes hold the same ports.
other_layout_running() {
  local other=3 i
  [ "$NODES" -eq 3 ] && other=1
  for i in $(seq 1 "$other"); do
    node_vars "$i" "$other"
    if is_running; then echo "$other"; return 0; fi
  done
  return 1
}

cmd_provision() {
  require_java
  provision_libs
  local i
  for i in $(seq 1 "$NODES"); do
    write_config "$i"
    format_storage "$i"
  done
  log "provisioned: jars in $LIBS, data in $KDIR ($NODES node(s))"
}

# Starts node $1 unless it is running; adds it to STARTED.
launch_node() {
  node_vars "$1" "$NODES"
  if is_running; then return 0; fi
  if port_open "$BPORT" || port_open "$CPORT"; then
    die "port $BPORT or $CPORT is already in use by another process; set MOTCUA_KAFKA_PORT / MOTCUA_KAFKA_CONTROLLER_PORT." \
      "Cổng $BPORT hoặc $CPORT đang bị tiến trình khác sử dụng; hãy đặt MOTCUA_KAFKA_PORT / MOTCUA_KAFKA_CONTROLLER_PORT."
  fi
  write_config "$1"
  format_storage "$1"
  [ -f "$LOG" ] && mv -f "$LOG" "$LOG.1" # keep one previous run; the ready marker below is then this run's
  rm -f "$PIDFILE"
  local heap trim
  read -r -a heap <<<"$HEAP"
  trim="$(native_trim)"
  # setsid: the broker outlives the shell/test runner that started it (infra is left running on purpose)
  # shellcheck disable=SC2016  # $$ and "$@" are expanded by the inner bash
  # MALLOC_ARENA_MAX: two allocator arenas instead of one per thread (8 per core): less memory held.
  MALLOC_ARENA_MAX=2 setsid -f bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
    java "${heap[@]}" ${trim:+"$trim"} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J" -cp "$LIBS/*" kafka.Kafka "$CONF" \
    </dev/null >>"$LOG" 2>&1 9>&- # 9>&-: the broker must not inherit (and hold) our lock
  if [ "$NODES" -eq 1 ]; then
    log "starting on 127.0.0.1:$BPORT (log: $LOG)"
  else
    log "starting node $1 on 127.0.0.1:$BPORT (log: $LOG)"
  fi
  STARTED+=("$1")
}

# Waits until node $1 logged its start and its port answers (deadline $2 in $SECONDS).
await_node() {
  local pid=""
  node_vars "$1" "$NODES"
  while :; do
    [ -z "$pid" ] && pid="$(pid_of 2>/dev/null || true)"
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$PIDFILE"
      fail_start "broker (node $1) exited during startup; see $LOG" "Kafka (nút $1) dừng ngay khi khởi động; xem $LOG"
    fi
    if grep -q 'Kafka Server started' "$LOG" 2>/dev/null && port_open "$BPORT"; then return 0; fi
    if [ "$SECONDS" -ge "$2" ]; then
      fail_start "broker (node $1) not ready after ${START_TIMEOUT}s; see $LOG (still running as pid ${pid:-?}; 'kafka.sh stop' to end it)" \
        "Kafka (nút $1) chưa sẵn sàng sau ${START_TIMEOUT} giây; xem $LOG"
    fi
    sleep 0.2
  done
}

cmd_start() {
  local other
  if other="$(other_layout_running)"; then
    die "a Kafka of $other node(s) is running in $MOTCUA_HOME; stop it first (kafka.sh stop)" \
      "Kafka $other nút đang chạy trong $MOTCUA_HOME; hãy dừng nó trước (kafka.sh stop)"
  fi
  local t0=$SECONDS i
  STARTED=()
  require_java
  provision_libs
  # all nodes at once: a 3-voter quorum elects its leader only once two of them are up
  for i in $(seq 1 "$NODES"); do launch_node "$i"; done
  if [ "${#STARTED[@]}" -eq 0 ]; then
    node_vars 1 "$NODES"
    if [ "$NODES" -eq 1 ]; then
      log "already running (pid $(pid_of), 127.0.0.1:$PORT)"
    else
      log "already running ($NODES nodes, $(bootstrap_list))"
    fi
    return 0
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  for i in "${STARTED[@]}"; do await_node "$i" "$deadline"; done

  # The log line says the server started; also prove the cluster answers admin requests.
  local rc=0 out what="pid $(pid_of)"
  [ "$NODES" -eq 1 ] || what="node(s) ${STARTED[*]} started"
  out="$(node "$HERE/kafka/ready.mjs" "$(bootstrap_list)" 60 "$NODES" 2>&1)" || rc=$?
  case "$rc" in
    0) log "ready in $((SECONDS - t0))s ($what, $out)" ;;
    2) log "ready in $((SECONDS - t0))s ($what; kafkajs not installed, admin probe skipped)" ;;
    *) fail_start "broker started ($what, left running) but does not answer admin requests: $out" "Kafka đã chạy nhưng không trả lời yêu cầu quản trị: $out" ;;
  esac
}

# Stops node $1 of a layout of $2 nodes; returns 1 when it was not running.
stop_node() {
  local pid t0=$SECONDS
  node_vars "$1" "$2"
  if ! is_running; then
    rm -f "$PIDFILE"
    return 1
  fi
  pid="$(pid_of)"
  kill -TERM "$pid"
  # controlled shutdown takes a few seconds; don't wait forever
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "no clean shutdown of pid $pid after 30s, killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  if [ "$2" -eq 1 ]; then log "stopped in $((SECONDS - t0))s"; else log "node $1 stopped in $((SECONDS - t0))s"; fi
}

# Stops every node found, whatever MOTCUA_KAFKA_BROKERS says now. A cluster's nodes stop in parallel:
# one after another, the last ones would wait for a quorum that is already gone.
cmd_stop() {
  local any=0 i p pids=()
  if stop_node 1 1; then any=1; fi
  for i in 1 2 3; do
    node_vars "$i" 3
    if is_running; then
      stop_node "$i" 3 &
      pids+=($!)
      any=1
    fi
  done
  for p in "${pids[@]}"; do wait "$p" || true; done
  [ "$any" -eq 1 ] || log "not running"
}

cmd_status() {
  local up=0 i
  node_vars 1 1
  if is_running; then
    up=1
    if port_open "$BPORT"; then
      log "running: pid $(pid_of), 127.0.0.1:$BPORT (log: $LOG)"
    else
      log "starting: pid $(pid_of), port $BPORT not answering yet (log: $LOG)"
    fi
  fi
  for i in 1 2 3; do
    node_vars "$i" 3
    if is_running; then
      up=$((up + 1))
      if port_open "$BPORT"; then
        log "node $i: running: pid $(pid_of), 127.0.0.1:$BPORT (log: $LOG)"
      else
        log "node $i: starting: pid $(pid_of), port $BPORT not answering yet (log: $LOG)"
      fi
    elif [ "$NODES" -eq 3 ]; then
      log "node $i: stopped (127.0.0.1:$BPORT)"
    fi
  done
  if [ "$up" -eq 0 ]; then
    log "stopped"
    return 3 # LSB: program is not running
  fi
  [ "$up" -ge "$NODES" ] || return 3
}

# MOTCUA_KAFKA_BROKERS not set and a cluster already running (started with MOTCUA_KAFKA_BROKERS=3):
# use it, so `infra.sh start` from the test runner or `./motcua up` joins the cluster instead of failing.
if [ -z "${MOTCUA_KAFKA_BROKERS:-}" ] && [ "$NODES" -eq 1 ] && other_layout_running >/dev/null; then
  NODES=3
  HEAP="${MOTCUA_KAFKA_HEAP:-$DEFAULT_HEAP}"
fi

# One provision/start/stop at a time per MOTCUA_HOME (e.g. two test runs starting infra together).
lock() {
  mkdir -p "$MOTCUA_HOME"
  exec 9>"$MOTCUA_HOME/.kafka.lock"
  flock 9
}

case "${1:-}" in
  provision) lock; cmd_provision ;;
  start) lock; cmd_start ;;
  stop) lock; cmd_stop ;;
  status) cmd_status ;;
  brokers) bootstrap_list ;;
  *) echo "usage: $0 {provision|start|stop|status|brokers}" >&2; exit 64 ;;
esac
