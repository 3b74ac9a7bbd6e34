#!/usr/bin/env bash
# All local infrastructure without Docker: Kafka (kafka.sh) + MongoDB-wire server (ferretdb.sh).
# Usage: infra.sh {start|stop|status}
# Env: MOTCUA_HOME (default <repo>/.motcua); ports as in kafka.sh / ferretdb.sh;
#      MOTCUA_KAFKA_BROKERS=3: a three-node Kafka cluster instead of one node (kafka.sh).
#      KAFKA_BROKERS / MONGO_URL set: that external component is used instead of a local one.
# After start, $MOTCUA_HOME/infra.env holds KAFKA_BROKERS=... and MONGO_URL=... (source it).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
export MOTCUA_HOME="${MOTCUA_HOME:-$REPO/.motcua}"
ENV_FILE="$MOTCUA_HOME/infra.env"

KAFKA_URL="${KAFKA_BROKERS:-$(bash "$HERE/kafka.sh" brokers)}"
MONGO="${MONGO_URL:-mongodb://127.0.0.1:${MOTCUA_MONGO_PORT:-27018}/}"

log() { printf '[infra] %s\n' "$*"; }
die() { printf '[infra] ERROR: %s\n' "$@" >&2; exit 1; }

local_kafka() { [ -z "${KAFKA_BROKERS:-}" ]; }
local_mongo() { [ -z "${MONGO_URL:-}" ]; }

require_ferretdb_sh() {
  [ -f "$HERE/ferretdb.sh" ] || die "missing $HERE/ferretdb.sh (set MONGO_URL to use an external MongoDB)" \
    "Thiếu $HERE/ferretdb.sh (đặt MONGO_URL để dùng MongoDB bên ngoài)"
}

cmd_start() {
  local t0=$SECONDS kpid="" fpid="" failed=0
  mkdir -p "$MOTCUA_HOME"
  # Both components start in parallel: each takes a few seconds (first run: Maven / go build).
  if local_kafka; then
    bash "$HERE/kafka.sh" start &
    kpid=$!
  else
    log "KAFKA_BROKERS set: using $KAFKA_BROKERS, no local Kafka"
  fi
  if local_mongo; then
    require_ferretdb_sh
    bash "$HERE/ferretdb.sh" start &
    fpid=$!
  else
    log "MONGO_URL set: using it, no local FerretDB"
  fi
  if [ -n "$kpid" ] && ! wait "$kpid"; then failed=1; fi
  if [ -n "$fpid" ] && ! wait "$fpid"; then failed=1; fi
  [ "$failed" -eq 0 ] || die "a component failed to start (see messages above); logs in $MOTCUA_HOME/logs" \
    "Một thành phần không khởi động được (xem thông báo ở trên); nhật ký trong $MOTCUA_HOME/logs"

  (cd "$REPO" && KAFKA_BROKERS="$KAFKA_URL" pnpm exec tsx infra/local/create-topics.ts) \
    || die "could not create the Kafka topics" "Không tạo được các topic Kafka"

  printf 'KAFKA_BROKERS=%s\nMONGO_URL=%s\n' "$KAFKA_URL" "$MONGO" >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  log "ready in $((SECONDS - t0))s"
  log "  KAFKA_BROKERS=$KAFKA_URL"
  log "  MONGO_URL=$MONGO"
  log "  (written to $ENV_FILE; use: set -a; . $ENV_FILE; set +a)"
}

cmd_stop() {
  rm -f "$ENV_FILE"
  local failed=0
  if local_kafka; then bash "$HERE/kafka.sh" stop || failed=1; fi
  if local_mongo && [ -f "$HERE/ferretdb.sh" ]; then bash "$HERE/ferretdb.sh" stop || failed=1; fi
  return "$failed"
}

cmd_status() {
  local down=0
  if local_kafka; then bash "$HERE/kafka.sh" status || down=1; else log "kafka: external $KAFKA_BROKERS"; fi
  if ! local_mongo; then
    log "mongo: external MONGO_URL"
  elif [ -f "$HERE/ferretdb.sh" ]; then
    bash "$HERE/ferretdb.sh" status || down=1
  else
    log "ferretdb: $HERE/ferretdb.sh missing"
    down=1
  fi
  if [ -f "$ENV_FILE" ]; then log "env ($ENV_FILE):" && sed 's/^/[infra]   /' "$ENV_FILE"; fi
  [ "$down" -eq 0 ] || return 3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 {start|stop|status}" >&2; exit 64 ;;
esac
