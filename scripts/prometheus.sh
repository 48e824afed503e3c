#!/usr/bin/env bash
# Starts and stops a throwaway Prometheus for Vigil's tests, benchmarks and demo: loopback only, a
# free port, its TSDB in a temporary folder (or one you name). Installs Debian's 'prometheus'
# package (which brings promtool) when the binaries are missing, without letting the package start
# its own service on the default port 9090.
#
#   scripts/prometheus.sh start STATE_FILE [options]   writes KEY=VALUE lines to STATE_FILE, nothing on stdout
#     --data-dir DIR        keep the TSDB here (kept on stop); default: a new temporary folder (removed on stop)
#     --openmetrics FILE    backfill this OpenMetrics text (ending in '# EOF') with promtool before starting
#     --config FILE         prometheus.yml to use; default: no scrape jobs (a store for backfilled history)
#     --retention DURATION  how far back Prometheus keeps data (default 3650d, so old fixtures are not deleted)
#     --wait SECONDS        how long to wait for /-/ready (default 60)
#   scripts/prometheus.sh stop STATE_FILE              stops it and removes what start created
set -euo pipefail

# alertmanager.sh sources this file for the shared functions and sets its own LOG_NAME.
LOG_NAME=${LOG_NAME:-prometheus}
log() { echo "[$LOG_NAME] $*" >&2; }
die() { log "$*"; exit 1; }

PROM_BIN=${VIGIL_PROMETHEUS_BIN:-/usr/bin/prometheus}
PROMTOOL_BIN=${VIGIL_PROMTOOL_BIN:-/usr/bin/promtool}

# Debian's maintainer scripts start the service through invoke-rc.d; a policy-rc.d that answers 101
# forbids that, so installing never grabs port 9090 or leaves a daemon behind.
install_package() {
  local package=$1 sudo="" made_policy=""
  log "installing Debian's package '$package' (one time; this can take a minute)"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install it yourself with: apt-get install $package"
    sudo="sudo"
  fi
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
    $sudo chmod 0755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=($sudo apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends "$package")
  local rc=0
  "${apt[@]}" >/tmp/vigil-apt-$package.log 2>&1 || {
    log "install failed; refreshing the package lists and trying again"
    $sudo apt-get update -q >>/tmp/vigil-apt-$package.log 2>&1 || true
    "${apt[@]}" >>/tmp/vigil-apt-$package.log 2>&1 || rc=$?
  }
  if [[ -n "$made_policy" ]]; then $sudo rm -f /usr/sbin/policy-rc.d; fi
  [[ $rc -eq 0 ]] || die "apt-get install $package failed (exit $rc); its output is in /tmp/vigil-apt-$package.log"
  # On a machine run by systemd the package also enables its unit for the next boot; we only want the binaries.
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    $sudo systemctl disable --now "$package" >/dev/null 2>&1 || true
  fi
  log "installed $package"
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/ports.sh"

wait_ready() {
  local url=$1 pid=$2 seconds=$3 logfile=$4
  local deadline=$(( SECONDS + seconds ))
  while (( SECONDS < deadline )); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$logfile" >&2; die "exited before it was ready (log above, full log $logfile)"; }
    if curl -fsS -o /dev/null --max-time 2 "$url/-/ready" 2>/dev/null; then return 0; fi
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  tail -n 20 "$logfile" >&2
  die "not ready after ${seconds}s at $url (log above)"
}

start() {
  local state=$1; shift
  local data_dir="" openmetrics="" config="" retention="3650d" wait=60
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --data-dir) data_dir=${2:?--data-dir needs a folder}; shift 2 ;;
      --openmetrics) openmetrics=${2:?--openmetrics needs a file}; shift 2 ;;
      --config) config=${2:?--config needs a file}; shift 2 ;;
      --retention) retention=${2:?--retention needs a duration}; shift 2 ;;
      --wait) wait=${2:?--wait needs seconds}; shift 2 ;;
      *) die "unknown option '$1' (expected --data-dir, --openmetrics, --config, --retention, --wait)" ;;
    esac
  done
  [[ -z "$openmetrics" || -r "$openmetrics" ]] || die "cannot read OpenMetrics file $openmetrics"
  [[ -z "$config" || -r "$config" ]] || die "cannot read config file $config"
  if [[ ! -x "$PROM_BIN" || ! -x "$PROMTOOL_BIN" ]]; then
    install_package prometheus
    [[ -x "$PROM_BIN" && -x "$PROMTOOL_BIN" ]] || die "installed, but $PROM_BIN or $PROMTOOL_BIN is missing"
  fi

  local run_dir
  run_dir=$(mktemp -d /tmp/vigil-prom.XXXXXX)
  [[ -n "$data_dir" ]] || data_dir=$run_dir/data
  mkdir -p "$data_dir"
  if [[ -z "$config" ]]; then
    config=$run_dir/prometheus.yml
    printf 'global:\n  scrape_interval: 15s\n  evaluation_interval: 15s\n' > "$config"
  fi
  if [[ -n "$openmetrics" ]]; then
    log "backfilling $openmetrics into $data_dir"
    # promtool reads the whole input once per block it writes: with its default 2-hour blocks a week of
    # history is read 84 times (40 s for a million samples here), with 8-day blocks once or twice (2 s).
    "$PROMTOOL_BIN" tsdb create-blocks-from openmetrics --max-block-duration=192h "$openmetrics" "$data_dir" \
      >"$run_dir/backfill.log" 2>&1 \
      || { cat "$run_dir/backfill.log" >&2; rm -rf "$run_dir"; die "promtool could not backfill $openmetrics (output above)"; }
  fi

  local port url pid
  port=$(free_port) || die "no free port found"
  url="http://127.0.0.1:$port"
  log "starting $("$PROM_BIN" --version 2>&1 | head -n 1) on $url"
  # setsid: the server outlives this script and does not share its terminal or signals.
  setsid "$PROM_BIN" \
    --config.file="$config" \
    --storage.tsdb.path="$data_dir" \
    --storage.tsdb.retention.time="$retention" \
    --web.listen-address="127.0.0.1:$port" \
    </dev/null >"$run_dir/prometheus.log" 2>&1 &
  pid=$!
  wait_ready "$url" "$pid" "$wait" "$run_dir/prometheus.log"
  cat > "$state" <<STATE
VIGIL_PROM_URL=$url
VIGIL_PROM_PORT=$port
VIGIL_PROM_PID=$pid
VIGIL_PROM_DIR=$run_dir
VIGIL_PROM_DATA_DIR=$data_dir
VIGIL_PROM_LOG=$run_dir/prometheus.log
STATE
  log "ready: $url (pid $pid, data $data_dir)"
}

# Ends a server started by start (TERM, then KILL after 10 s) and removes its run folder.
stop_server() {
  local pid=$1 run_dir=$2
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then log "still running after 10s; killing pid $pid"; kill -KILL "$pid"; fi
  fi
  rm -rf "$run_dir"
  log "stopped pid $pid and removed $run_dir"
}

stop() {
  local state=$1
  [[ -f "$state" ]] || { log "no state file $state: nothing to stop"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  # A data folder the caller named is outside the run folder and theirs to keep (the demo reuses its history).
  stop_server "$VIGIL_PROM_PID" "$VIGIL_PROM_DIR"
  rm -f "$state"
}

[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0

case "${1:-}" in
  start) state=${2:?state file}; shift 2; start "$state" "$@" ;;
  stop) stop "${2:?state file}" ;;
  *) echo "usage: $0 start STATE_FILE [--data-dir DIR] [--openmetrics FILE] [--config FILE] [--retention DURATION] [--wait SECONDS] | stop STATE_FILE" >&2; exit 64 ;;
esac
