#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine, in two stages:
#   1. compose's own check: `docker compose config -q` (Compose v2 plugin, when present) or else Debian's
#      `docker-compose` 1.29 `config -q` — schema, interpolation, undefined services/volumes, build paths.
#      Installed with apt-get when neither is there (root only; ~10 s after `apt-get update`).
#   2. project rules (infra/compose/check-compose.ts): every service of the local run is in the file with
#      a /health/ready health check, the documented ports, the shared Dockerfile and healthy dependencies.
# Usage: infra/compose/validate.sh [compose-file]     (default: <repo>/docker-compose.yml)
# Relative paths in the file (build contexts) resolve against the repository, wherever the file is.
# Env: MOTCUA_COMPOSE_BIN="docker-compose" (or "docker compose") forces the implementation.
# Exit codes: 0 valid; 1 compose rejected the file; 2 project rules broken (incl. a secret with a
# fallback value); 3 no compose implementation.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
FILE="$(realpath "${1:-$REPO/docker-compose.yml}")"

log() { printf '[compose] %s\n' "$*"; }
die() { code=$1; shift; printf '[compose] ERROR: %s\n' "$@" >&2; exit "$code"; }

[ -f "$FILE" ] || die 3 "no such file: $FILE" "Không tìm thấy tệp: $FILE"

# --- find (or install) a compose implementation; `config` needs no engine in either
compose_bin() {
  if [ -n "${MOTCUA_COMPOSE_BIN:-}" ]; then echo "$MOTCUA_COMPOSE_BIN"; return 0; fi
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    echo "docker compose"; return 0
  fi
  if command -v docker-compose >/dev/null 2>&1; then echo "docker-compose"; return 0; fi
  return 1
}

if ! BIN="$(compose_bin)"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "no compose implementation found; installing Debian's docker-compose with apt-get"
    t0=$SECONDS
    export DEBIAN_FRONTEND=noninteractive
    # dpkg's lock: another apt-get may be running (CI, a parallel test); wait for it instead of failing.
    apt_opts=(-o DPkg::Lock::Timeout=300 -y -q)
    if ! apt-get "${apt_opts[@]}" install --no-install-recommends docker-compose >/tmp/motcua-apt-compose.log 2>&1; then
      apt-get "${apt_opts[@]}" update >>/tmp/motcua-apt-compose.log 2>&1 || true
      apt-get "${apt_opts[@]}" install --no-install-recommends docker-compose >>/tmp/motcua-apt-compose.log 2>&1 \
        || die 3 "apt-get install docker-compose failed; see /tmp/motcua-apt-compose.log" \
          "Cài docker-compose bằng apt-get thất bại; xem /tmp/motcua-apt-compose.log"
    fi
    log "docker-compose installed in $((SECONDS - t0)) s"
    BIN="docker-compose"
  else
    die 3 "no compose implementation: install the Docker Compose v2 plugin or Debian's docker-compose (apt-get install docker-compose)" \
      "Không có Docker Compose: hãy cài plugin Compose v2 hoặc gói docker-compose của Debian (apt-get install docker-compose)"
  fi
fi

# --- stage 0: no secret has a usable default (docs/security.md): without them compose must refuse.
SECRETS=(MOTCUA_JWT_SECRET INTAKE_LOOKUP_SECRET)
log "stage 0: compose refuses to start without ${SECRETS[*]}"
for secret in "${SECRETS[@]}"; do
  # every reference must refuse: one service's fallback is enough to leak it (two services read it)
  if grep -Eq "\\$\\{$secret(:?-|:?=)" "$FILE"; then
    die 2 "$secret has a fallback in $FILE: use \${$secret:?...}" \
      "$secret có giá trị mặc định trong $FILE: hãy dùng \${$secret:?...}"
  fi
  # shellcheck disable=SC2086 # BIN may be two words ("docker compose")
  if (cd "$REPO" && env -u "$secret" MOTCUA_JWT_SECRET="${MOTCUA_JWT_SECRET:-validate-only}" \
      INTAKE_LOOKUP_SECRET="${INTAKE_LOOKUP_SECRET:-validate-only}" ${secret}= \
      $BIN -f "$FILE" --project-directory "$REPO" config -q >/dev/null 2>&1); then
    die 2 "$secret has a fallback in $FILE: use \${$secret:?...}" \
      "$secret có giá trị mặc định trong $FILE: hãy dùng \${$secret:?...}"
  fi
done

# --- stage 1: compose's own validation, with placeholder secrets (the file has no fallback for them).
export MOTCUA_JWT_SECRET="${MOTCUA_JWT_SECRET:-validate-only-placeholder-not-a-secret-0123456789}"
export INTAKE_LOOKUP_SECRET="${INTAKE_LOOKUP_SECRET:-validate-only-placeholder-not-a-secret-0123456789}"
log "stage 1: $BIN config -q ($($BIN version --short 2>/dev/null || $BIN version 2>/dev/null | head -n1))"
# shellcheck disable=SC2086 # BIN may be two words ("docker compose")
if ! out="$(cd "$REPO" && $BIN -f "$FILE" --project-directory "$REPO" config -q 2>&1)"; then
  printf '%s\n' "$out" >&2
  die 1 "compose rejected $FILE" "Docker Compose từ chối tệp $FILE"
fi
[ -z "$out" ] || printf '%s\n' "$out" >&2

# --- stage 2: the project's rules
log "stage 2: project rules (infra/compose/check-compose.ts)"
TSX="$REPO/node_modules/.bin/tsx"
[ -x "$TSX" ] || die 3 "missing $TSX: run pnpm install first" "Thiếu $TSX: hãy chạy pnpm install trước"
"$TSX" "$HERE/check-compose.ts" "$FILE" "$REPO" || exit 2

log "OK: $FILE"
