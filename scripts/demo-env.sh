#!/usr/bin/env bash
# Starts and stops the demo environment: the simulated shop, a real Prometheus holding a week of the
# shop's history (backfilled with promtool) and scraping it live, and a real Alertmanager that
# Prometheus sends the shop's alerts to and that forwards them to Vigil. Loopback only, free ports,
# everything under one data folder (default ./data/demo), wiped and rebuilt on every start.
#
#   scripts/demo-env.sh start STATE_FILE [options]   writes KEY=VALUE lines to STATE_FILE; progress on stderr
#     --data-dir DIR      where the environment lives (default data/demo)
#     --java BIN          the java (>= 21) that runs the shop (default: java on the PATH)
#     --classpath CP      the shop's classes (default vigil-demo/target/classes)
#     --seed N            the shop's seed (default 42)
#     --scenario NAME     standard, bad-deploy, quiet or config-change (default standard)
#     --time-scale X      play the scenario X times as long (default 1)
#     --history DURATION  history to write before now (default 7d)
#     --scenario-offset D when the scenario starts, from now (default 0s; -3h plays it inside the history)
#     --vigil-url URL     send alerts to URL/hooks/alertmanager (default: Alertmanager drops them)
#     --hook-token TOKEN  the bearer token Alertmanager sends with them
#     --deploy-hook URL   the shop sends each deploy there as a signed GitHub deployment_status
#                         (secret from the environment: VIGIL_DEMO_GITHUB_SECRET)
#     --events-hook URL   and as a signed CloudEvent there (secret: VIGIL_DEMO_EVENTS_SECRET)
# The shop's Git repository (its source, catalog and one commit per deploy) is rewritten on every start
# under DATA_DIR/git/acme/shop (the git integration names a repository by its last two path segments).
#   scripts/demo-env.sh stop STATE_FILE              stops what start started (the data folder stays)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
log() { echo "[demo-env] $*" >&2; }
die() { log "$*"; exit 1; }

start() {
  local state=$1; shift
  local data="$root/data/demo" java=java cp="$root/vigil-demo/target/classes" seed=42 scenario=standard scale=1
  local history=7d offset=0s vigil_url="" token="" deploy_hook=() events_hook=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --data-dir) data=${2:?}; shift 2 ;;
      --java) java=${2:?}; shift 2 ;;
      --classpath) cp=${2:?}; shift 2 ;;
      --seed) seed=${2:?}; shift 2 ;;
      --scenario) scenario=${2:?}; shift 2 ;;
      --time-scale) scale=${2:?}; shift 2 ;;
      --history) history=${2:?}; shift 2 ;;
      --scenario-offset) offset=${2:?}; shift 2 ;;
      --vigil-url) vigil_url=${2:?}; shift 2 ;;
      --hook-token) token=${2:?}; shift 2 ;;
      --deploy-hook) deploy_hook=(--deploy-hook "${2:?}"); shift 2 ;;
      --events-hook) events_hook=(--events-hook "${2:?}"); shift 2 ;;
      *) die "unknown option '$1' (see the top of $0)" ;;
    esac
  done
  [[ -d "$cp" || -f "$cp" || "$cp" == *:* ]] || die "no shop classes at $cp: build first (./vigil build)"
  mkdir -p "$data"
  data=$(cd "$data" && pwd)
  rm -rf "$data/prometheus" "$data/alertmanager" "$data/shop.state" "$data/history.om"
  mkdir -p "$data/prometheus" "$data/alertmanager"

  log "simulating the shop's last $history (seed $seed) and starting it..."
  setsid "$java" -cp "$cp" dev.vigil.demo.ShopMain --seed "$seed" --scenario "$scenario" --time-scale "$scale" \
    --history "$history" --scenario-offset "$offset" --openmetrics "$data/history.om" --state-file "$data/shop.state" \
    --repository "$data/git/acme/shop" "${deploy_hook[@]}" "${events_hook[@]}" \
    </dev/null >"$data/shop.log" 2>&1 &
  local shop_pid=$!
  local deadline=$(( SECONDS + 180 ))
  until [[ -f "$data/shop.state" ]]; do
    kill -0 "$shop_pid" 2>/dev/null || { tail -n 20 "$data/shop.log" >&2; die "the shop exited (log above)"; }
    (( SECONDS < deadline )) || { kill "$shop_pid"; die "the shop did not start within 180 s (log $data/shop.log)"; }
    sleep 0.3
  done
  # shellcheck disable=SC1091
  source "$data/shop.state"
  grep '^shop: wrote' "$data/shop.log" | sed 's/^/[demo-env] /' >&2 || true
  [[ -d "$data/git/acme/shop/.git" ]] || { kill "$shop_pid"; die "the shop wrote no Git repository (log $data/shop.log)"; }

  local receiver="drop"
  {
    echo "route:"
    echo "  group_by: [alertname, service]"
    echo "  group_wait: 10s"
    echo "  group_interval: 1m"
    echo "  repeat_interval: 4h"
    if [[ -n "$vigil_url" ]]; then receiver=vigil; fi
    echo "  receiver: $receiver"
    echo "receivers:"
    echo "  - name: drop"
    if [[ -n "$vigil_url" ]]; then
      echo "  - name: vigil"
      echo "    webhook_configs:"
      echo "      - url: $vigil_url/hooks/alertmanager"
      echo "        send_resolved: true"
      if [[ -n "$token" ]]; then
        echo "        http_config:"
        echo "          authorization:"
        echo "            credentials: $token"
      fi
    fi
  } > "$data/alertmanager.yml"
  chmod 600 "$data/alertmanager.yml"
  bash "$here/alertmanager.sh" start "$data/alertmanager.state" --config "$data/alertmanager.yml" \
    --data-dir "$data/alertmanager" \
    || { kill "$shop_pid"; die "Alertmanager did not start (above)"; }
  # shellcheck disable=SC1091
  source "$data/alertmanager.state"

  cat > "$data/prometheus.yml" <<YAML
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - $root/demo/prometheus/shop.rules.yml
alerting:
  alertmanagers:
    - static_configs:
        - targets: ['127.0.0.1:$VIGIL_AM_PORT']
scrape_configs:
  # The shop labels its own series with job and instance, as the backfilled history does, so that
  # history and live samples are one series: hence honor_labels.
  - job_name: shop
    honor_labels: true
    static_configs:
      - targets: ['127.0.0.1:$SHOP_PORT']
YAML
  local started=$SECONDS
  bash "$here/prometheus.sh" start "$data/prometheus.state" --data-dir "$data/prometheus" \
    --openmetrics "$data/history.om" --config "$data/prometheus.yml" \
    || { bash "$here/alertmanager.sh" stop "$data/alertmanager.state"; kill "$shop_pid"; die "Prometheus did not start (above)"; }
  log "history backfilled and Prometheus ready in $(( SECONDS - started )) s"
  rm -f "$data/history.om"
  # shellcheck disable=SC1091
  source "$data/prometheus.state"
  cat > "$state" <<STATE
SHOP_URL=$SHOP_URL
SHOP_PID=$shop_pid
SHOP_START=$SHOP_START
SHOP_SCENARIO_START=$SHOP_SCENARIO_START
SHOP_REPO=$data/git/acme/shop
VIGIL_PROM_URL=$VIGIL_PROM_URL
VIGIL_AM_URL=$VIGIL_AM_URL
DEMO_DATA_DIR=$data
STATE
  log "ready: shop $SHOP_URL/metrics, Prometheus $VIGIL_PROM_URL, Alertmanager $VIGIL_AM_URL"
}

stop() {
  local state=$1
  [[ -f "$state" ]] || { log "no state file $state: nothing to stop"; return 0; }
  # shellcheck disable=SC1090
  source "$state"
  bash "$here/prometheus.sh" stop "$DEMO_DATA_DIR/prometheus.state" || true
  bash "$here/alertmanager.sh" stop "$DEMO_DATA_DIR/alertmanager.state" || true
  kill "$SHOP_PID" 2>/dev/null || true
  rm -f "$state"
}

case "${1:-}" in
  start) state=${2:?state file}; shift 2; start "$state" "$@" ;;
  stop) stop "${2:?state file}" ;;
  *) echo "usage: $0 start STATE_FILE [options] | stop STATE_FILE (see the top of this file)" >&2; exit 64 ;;
esac
