#!/usr/bin/env bash
# Starts and stops a throwaway PostgreSQL server for Vigil's tests and benchmarks:
# loopback only, a free port, data in a temporary folder. Installs Debian's server
# package when no server binaries are present.
#
#   scripts/postgres.sh start STATE_FILE   prints nothing on stdout but writes KEY=VALUE lines to STATE_FILE
#   scripts/postgres.sh stop  STATE_FILE   stops the server and deletes its data
#
# VIGIL_PG_DURABLE=1 keeps PostgreSQL's durable defaults (for benchmarks); tests run without fsync.
set -euo pipefail

log() { echo "[postgres] $*" >&2; }

find_bin_dir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$d/postgres" && -x "$d/initdb" && -x "$d/pg_ctl" ]]; then echo "$d"; return 0; fi
  done
  return 1
}

install_server() {
  log "no PostgreSQL server found under /usr/lib/postgresql; installing Debian's package 'postgresql' (one time)"
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { log "not root and no sudo: install it yourself with: apt-get install postgresql"; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ! $sudo apt-get install -y -q --no-install-recommends postgresql >&2; then
    $sudo apt-get update -q >&2
    $sudo apt-get install -y -q --no-install-recommends postgresql >&2
  fi
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/ports.sh"

# initdb refuses to run as root, so a root caller runs the server as the 'postgres' account.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local state=$1 bin dir port
  bin=$(find_bin_dir) || { install_server; bin=$(find_bin_dir) || { log "install failed: no server binaries"; exit 1; }; }
  dir=$(mktemp -d /tmp/vigil-pg.XXXXXX)
  chmod 0755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$dir"
  fi
  port=$(free_port) || { log "no free port found"; exit 1; }
  log "initialising a cluster in $dir ($($bin/postgres --version))"
  as_owner "$bin/initdb" -D "$dir/data" -U vigil --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  log "starting on 127.0.0.1:$port"
  # fsync off for tests: a test database is thrown away; durability against power loss is not what
  # they test. Benchmarks set VIGIL_PG_DURABLE=1 and measure PostgreSQL as production runs it.
  local durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  if [[ "${VIGIL_PG_DURABLE:-0}" == 1 ]]; then durability=""; log "durable settings (fsync on, synchronous commit)"; fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir $durability -c max_connections=200" start >/dev/null
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U vigil vigil
  cat > "$state" <<STATE
VIGIL_PG_DIR=$dir
VIGIL_PG_BIN=$bin
VIGIL_PG_PORT=$port
VIGIL_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$port/vigil
VIGIL_TEST_PG_USER=vigil
VIGIL_TEST_PG_PASSWORD=
STATE
  log "ready: jdbc:postgresql://127.0.0.1:$port/vigil (user vigil)"
}

stop() {
  local state=$1
  [[ -f "$state" ]] || { log "no state file $state: nothing to stop"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  as_owner "$VIGIL_PG_BIN/pg_ctl" -D "$VIGIL_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$VIGIL_PG_DIR" "$state"
  log "stopped and removed $VIGIL_PG_DIR"
}

case "${1:-}" in
  start) start "${2:?state file}" ;;
  stop) stop "${2:?state file}" ;;
  *) echo "usage: $0 start|stop STATE_FILE" >&2; exit 64 ;;
esac
