#!/usr/bin/env bash
# Local MongoDB-wire server: FerretDB v1 (SQLite backend) with the project's patches (see ferretdb/README.md).
# Usage: infra/local/ferretdb.sh {build|start|stop|status|test}
# Env: MOTCUA_HOME (default <repo>/.motcua), MOTCUA_MONGO_PORT (27018),
#      MOTCUA_FERRETDB_START_TIMEOUT (seconds, 30), MOTCUA_FERRETDB_POSTGRESQL_URL (optional),
#      GOFLAGS / GOPROXY are passed through to go, MOTCUA_FERRETDB_GOGC (400) to the server as GOGC,
#      MOTCUA_FERRETDB_SYNCHRONOUS (normal: logs flushed every 100 ms; full: fsync at every commit).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SRC="$HERE/ferretdb"
PATCHES=("$SRC"/patches/*.patch) # applied in name order

MOTCUA_HOME="${MOTCUA_HOME:-$REPO/.motcua}"
mkdir -p "$MOTCUA_HOME" && MOTCUA_HOME="$(cd "$MOTCUA_HOME" && pwd)" # absolute: it is matched in ps output
PORT="${MOTCUA_MONGO_PORT:-27018}"
HOST=127.0.0.1
START_TIMEOUT="${MOTCUA_FERRETDB_START_TIMEOUT:-30}"

BIN="$MOTCUA_HOME/bin/ferretdb"
STAMP="$BIN.inputs.sha256"
CACHE="$MOTCUA_HOME/cache"
MODSRC="$CACHE/ferretdb-src"   # patched copy of the FerretDB module
BUILDDIR="$CACHE/ferretdb-build" # copy of the launcher with the replace directive
DATA="$MOTCUA_HOME/ferretdb/data"
PIDFILE="$MOTCUA_HOME/ferretdb/ferretdb.pid"
LOG="$MOTCUA_HOME/logs/ferretdb.log"
URL="mongodb://$HOST:$PORT/"

# Bump when the build recipe below changes, so cached binaries are rebuilt.
RECIPE=3

say() { printf '[ferretdb] %s\n' "$*"; }
die() { printf '[ferretdb] ERROR: %s\n' "$*" >&2; exit 1; }

inputs_hash() {
  { echo "recipe=$RECIPE"; cat "$SRC"/*.go "$SRC/go.mod" "$SRC/go.sum" "${PATCHES[@]}"; } | sha256sum | cut -d' ' -f1
}

require_go() {
  command -v go >/dev/null 2>&1 && return 0
  cat >&2 <<'EOF'
[ferretdb] ERROR: 'go' was not found on PATH. Go (>= 1.24) is needed once, to build the local
  FerretDB server into .motcua/bin/ferretdb. Install it (https://go.dev/dl/ or apt-get install golang)
  and run this command again.
[ferretdb] LỖI: không tìm thấy lệnh 'go' trong PATH. Cần Go (>= 1.24) một lần để biên dịch máy chủ
  FerretDB cục bộ vào .motcua/bin/ferretdb. Hãy cài Go (https://go.dev/dl/ hoặc apt-get install golang)
  rồi chạy lại lệnh này.
EOF
  exit 1
}

build() {
  local want
  want="$(inputs_hash)"
  if [[ -x "$BIN" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    say "binary up to date: $BIN"
    return 0
  fi
  require_go
  local t0=$SECONDS
  say "building $BIN (first build takes about a minute)..."
  mkdir -p "$CACHE" "$(dirname "$BIN")"
  patched_source

  # Build a copy of the launcher so the committed go.mod stays free of machine-local replaces.
  rm -rf "$BUILDDIR"
  mkdir -p "$BUILDDIR"
  cp "$SRC"/*.go "$SRC/go.mod" "$SRC/go.sum" "$BUILDDIR/"
  (
    cd "$BUILDDIR"
    go mod edit -replace "github.com/FerretDB/FerretDB=$MODSRC"
    go mod tidy
    go build -trimpath -o "$BIN.tmp" .
  )
  mv "$BIN.tmp" "$BIN"
  echo "$want" >"$STAMP"
  say "built $BIN in $((SECONDS - t0)) s"
}

# Writes the patched copy of the FerretDB module to $MODSRC (skipped when it matches the inputs).
patched_source() {
  local want
  want="$(inputs_hash)"
  [[ -f "$MODSRC/.motcua-inputs" && "$(cat "$MODSRC/.motcua-inputs")" == "$want" ]] && return 0
  mkdir -p "$CACHE"

  # Locate the pristine module for the version pinned in the launcher's go.mod.
  local moddir
  moddir="$(cd "$SRC" && go mod download github.com/FerretDB/FerretDB &&
    go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)"
  [[ -d "$moddir" ]] || die "FerretDB module not found in the Go module cache (got '$moddir')"

  # Module cache files are read-only; patch a writable copy. Rebuilt from scratch so a patch
  # change never stacks on an older one.
  rm -rf "$MODSRC" "$MODSRC.tmp"
  cp -R "$moddir" "$MODSRC.tmp"
  chmod -R u+w "$MODSRC.tmp"
  local p
  for p in "${PATCHES[@]}"; do
    patch -p1 --batch --forward --quiet -d "$MODSRC.tmp" <"$p" || die "patch $p does not apply to $moddir"
  done
  echo "$want" >"$MODSRC.tmp/.motcua-inputs"
  mv "$MODSRC.tmp" "$MODSRC"
}

# Unit tests of the packages the patches add or change, on a copy of the patched module (upstream's
# build/version panics under `go test` without the release-generated version.txt), and of the launcher.
TEST_PACKAGES=(./internal/util/writelock/ ./internal/util/fsql/ ./internal/clientconn/ ./internal/handler/ ./internal/backends/sqlite/ ./internal/backends/sqlite/metadata/)
test_patches() {
  require_go
  patched_source
  local dir="$CACHE/ferretdb-test" launcher="$CACHE/ferretdb-test-launcher"
  rm -rf "$dir" "$launcher"
  cp -R "$MODSRC" "$dir"
  echo v1.24.2 >"$dir/build/version/version.txt"
  mkdir -p "$dir/.git" # upstream's testutil finds the module root by its .git (the sqlite package's tests)
  (cd "$dir" && go vet "${TEST_PACKAGES[@]}" && go test -count=1 -race "${TEST_PACKAGES[@]}")
  # -race turns FerretDB's debug build on; the release build's resource tracking is tested without it
  (cd "$dir" && go vet ./internal/util/resource/ && go test -count=1 ./internal/util/resource/)
  mkdir -p "$launcher"
  cp "$SRC"/*.go "$SRC/go.mod" "$SRC/go.sum" "$launcher/"
  (
    cd "$launcher"
    go mod edit -replace "github.com/FerretDB/FerretDB=$MODSRC"
    go mod tidy
    go vet . && go test -count=1 .
  )
}

# Prints the pid if our server is running, else nothing (and removes a stale pid file).
running_pid() {
  [[ -f "$PIDFILE" ]] || return 0
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  # The args check guards against a recycled pid belonging to another process.
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    ps -o args= -p "$pid" 2>/dev/null | grep -q -- "$BIN"; then
    echo "$pid"
  else
    rm -f "$PIDFILE"
  fi
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; }

# mongo_ping <timeout-seconds> [pid]: waits until the server answers `ping`; fails early if pid dies.
mongo_ping() {
  local timeout="$1" pid="${2:-}" driver=""
  for d in "$REPO/packages/testing/node_modules/mongodb" "$REPO/packages/eventstore/node_modules/mongodb" \
    "$REPO/node_modules/mongodb"; do
    [[ -f "$d/package.json" ]] && { driver="$d"; break; }
  done
  if [[ -n "$driver" ]] && command -v node >/dev/null 2>&1; then
    MONGO_DRIVER="$driver" PING_URL="$URL" PING_TIMEOUT="$timeout" PING_PID="$pid" node -e '
      const { MongoClient } = require(process.env.MONGO_DRIVER);
      const deadline = Date.now() + Number(process.env.PING_TIMEOUT) * 1000;
      const pid = Number(process.env.PING_PID || 0);
      const alive = () => { if (!pid) return true; try { process.kill(pid, 0); return true; } catch { return false; } };
      (async () => {
        for (;;) {
          if (!alive()) process.exit(2);
          const c = new MongoClient(process.env.PING_URL, { serverSelectionTimeoutMS: 500, connectTimeoutMS: 500, directConnection: true });
          try { await c.db("admin").command({ ping: 1 }); process.exit(0); } catch {} finally { await c.close().catch(() => {}); }
          if (Date.now() > deadline) process.exit(1);
          await new Promise((r) => setTimeout(r, 250));
        }
      })();'
  else
    # No driver installed yet (before pnpm install): fall back to a TCP connect check.
    local end=$((SECONDS + timeout))
    while ((SECONDS <= end)); do
      [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null && return 2
      port_open && return 0
      sleep 0.25
    done
    return 1
  fi
}

start() {
  local pid
  pid="$(running_pid)"
  if [[ -n "$pid" ]]; then
    say "already running (pid $pid) at $URL"
    return 0
  fi
  build
  if port_open; then
    die "something else already answers on $HOST:$PORT; stop it or set MOTCUA_MONGO_PORT"
  fi
  mkdir -p "$DATA" "$(dirname "$LOG")" "$(dirname "$PIDFILE")"
  local args=(-listen-addr "$HOST:$PORT" -data-dir "$DATA")
  printf '\n=== %s start %s%s\n' "$(date -u +%FT%TZ)" "${args[*]}" \
    "${MOTCUA_FERRETDB_POSTGRESQL_URL:+ (postgresql backend)}" >>"$LOG"
  # setsid: the server outlives the shell (or job group) that started it.
  # The PostgreSQL URL goes through the environment, not argv, to keep a password out of `ps`.
  # GOGC 400: the server's garbage is mostly each command's short-lived documents; collecting at 5× the
  # live heap instead of 2× took the reception's p50 from 63–67 to 36–43 ms at 20/s (docs/benchmarks.md)
  # for ~11 MB more RSS; 1000 held 100–220 MB and was no faster.
  # synchronous normal: a commit no longer waits for its own fsync while holding the database's write
  # queue; the launcher flushes the write-ahead logs every 100 ms instead, like MongoDB's journal (ADR 0023).
  FERRETDB_POSTGRESQL_URL="${MOTCUA_FERRETDB_POSTGRESQL_URL:-}" GOGC="${MOTCUA_FERRETDB_GOGC:-400}" \
    FERRETDB_SQLITE_SYNCHRONOUS="${MOTCUA_FERRETDB_SYNCHRONOUS:-normal}" \
    setsid "$BIN" "${args[@]}" >>"$LOG" 2>&1 </dev/null 9>&- &
  pid=$!
  echo "$pid" >"$PIDFILE"
  local rc=0
  mongo_ping "$START_TIMEOUT" "$pid" || rc=$?
  if ((rc != 0)); then
    local why="did not answer ping within ${START_TIMEOUT}s"
    ((rc == 2)) && why="exited during startup"
    kill -TERM "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
    echo "---- last lines of $LOG:" >&2
    tail -n 20 "$LOG" >&2 || true
    die "FerretDB $why; see $LOG"
  fi
  say "started (pid $pid) at $URL; data $DATA; log $LOG"
}

stop() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid ignored SIGTERM for 15 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDFILE"
  say "stopped (pid $pid)"
}

# Exit 0 when running and answering ping, 3 when not running (LSB convention), 1 when unhealthy.
status() {
  local pid
  pid="$(running_pid)"
  if [[ -z "$pid" ]]; then
    say "not running"
    return 3
  fi
  if mongo_ping 3; then
    say "running (pid $pid) at $URL"
  else
    say "pid $pid is alive but does not answer ping at $URL; see $LOG"
    return 1
  fi
}

# One command at a time per MOTCUA_HOME (e.g. two concurrent `start`s would both build and launch).
exec 9>"$MOTCUA_HOME/.ferretdb.lock"
command -v flock >/dev/null 2>&1 && flock 9

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  test) test_patches ;;
  *) echo "usage: $0 {build|start|stop|status|test}" >&2; exit 2 ;;
esac
