#!/usr/bin/env bash
# Starts and stops a throwaway Alertmanager for Vigil's tests and demo: loopback only, a free port,
# clustering off, its silences and notification log in a temporary folder (or one you name).
# Installs Debian's 'prometheus-alertmanager' package when the binary is missing, without letting
# the package start its own service on the default port 9093.
#
#   scripts/alertmanager.sh start STATE_FILE [options]   writes KEY=VALUE lines to STATE_FILE, nothing on stdout
#     --config FILE         alertmanager.yml to use (e.g. a webhook receiver); default: one receiver that drops everything
#     --data-dir DIR        keep silences and the notification log here (kept on stop); default: a temporary folder
#     --external-url URL    the URL Alertmanager puts in notifications (externalURL); default: its own address
#     --wait SECONDS        how long to wait for /-/ready (default 60)
#   scripts/alertmanager.sh stop STATE_FILE              stops it and removes what start created
set -euo pipefail

LOG_NAME=alertmanager
# shellcheck source=prometheus.sh
source "$(dirname "${BASH_SOURCE[0]}")/prometheus.sh"

AM_BIN=${VIGIL_ALERTMANAGER_BIN:-/usr/bin/prometheus-alertmanager}

start() {
  local state=$1; shift
  local config="" data_dir="" external_url="" wait=60
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --config) config=${2:?--config needs a file}; shift 2 ;;
      --data-dir) data_dir=${2:?--data-dir needs a folder}; shift 2 ;;
      --external-url) external_url=${2:?--external-url needs a URL}; shift 2 ;;
      --wait) wait=${2:?--wait needs seconds}; shift 2 ;;
      *) die "unknown option '$1' (expected --config, --data-dir, --external-url, --wait)" ;;
    esac
  done
  [[ -z "$config" || -r "$config" ]] || die "cannot read config file $config"
  if [[ ! -x "$AM_BIN" ]]; then
    install_package prometheus-alertmanager
    [[ -x "$AM_BIN" ]] || die "installed, but $AM_BIN is missing"
  fi

  local run_dir port url pid
  run_dir=$(mktemp -d /tmp/vigil-am.XXXXXX)
  [[ -n "$data_dir" ]] || data_dir=$run_dir/data
  mkdir -p "$data_dir"
  if [[ -z "$config" ]]; then
    config=$run_dir/alertmanager.yml
    printf 'route:\n  receiver: drop\nreceivers:\n  - name: drop\n' > "$config"
  fi
  port=$(free_port) || die "no free port found"
  url="http://127.0.0.1:$port"
  [[ -n "$external_url" ]] || external_url=$url
  log "starting $("$AM_BIN" --version 2>&1 | head -n 1) on $url"
  # An empty cluster address turns gossip off: otherwise it binds port 9094 and waits for peers.
  setsid "$AM_BIN" \
    --config.file="$config" \
    --storage.path="$data_dir" \
    --web.listen-address="127.0.0.1:$port" \
    --web.external-url="$external_url" \
    --cluster.listen-address= \
    </dev/null >"$run_dir/alertmanager.log" 2>&1 &
  pid=$!
  wait_ready "$url" "$pid" "$wait" "$run_dir/alertmanager.log"
  cat > "$state" <<STATE
VIGIL_AM_URL=$url
VIGIL_AM_PORT=$port
VIGIL_AM_PID=$pid
VIGIL_AM_DIR=$run_dir
VIGIL_AM_DATA_DIR=$data_dir
VIGIL_AM_LOG=$run_dir/alertmanager.log
STATE
  log "ready: $url (pid $pid, data $data_dir)"
}

stop() {
  local state=$1
  [[ -f "$state" ]] || { log "no state file $state: nothing to stop"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  stop_server "$VIGIL_AM_PID" "$VIGIL_AM_DIR"
  rm -f "$state"
}

case "${1:-}" in
  start) state=${2:?state file}; shift 2; start "$state" "$@" ;;
  stop) stop "${2:?state file}" ;;
  *) echo "usage: $0 start STATE_FILE [--config FILE] [--data-dir DIR] [--external-url URL] [--wait SECONDS] | stop STATE_FILE" >&2; exit 64 ;;
esac
