#!/usr/bin/env bash
# Makes sure Debian's Chromium and its WebDriver are installed, for the web console's browser tests.
# Installs the packages 'chromium' (the browser, /usr/bin/chromium) and 'chromium-driver'
# (/usr/bin/chromedriver) with apt-get when either binary is missing, with sudo when not root.
# Nothing is started: the tests start chromedriver, which starts a headless Chromium with a fresh
# profile of its own.
#
#   scripts/chromium.sh ensure    installs when missing; prints the versions on stderr
#   scripts/chromium.sh check     exit 0 when both binaries are there, 1 otherwise (installs nothing)
set -euo pipefail

log() { echo "[chromium] $*" >&2; }
die() { log "$*"; exit 1; }

CHROMIUM_BIN=${VIGIL_CHROMIUM_BIN:-/usr/bin/chromium}
DRIVER_BIN=${VIGIL_CHROMEDRIVER_BIN:-/usr/bin/chromedriver}

present() { [[ -x "$CHROMIUM_BIN" && -x "$DRIVER_BIN" ]]; }

install_packages() {
  local sudo=""
  log "installing Debian's packages 'chromium' and 'chromium-driver' (one time; this can take a few minutes)"
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || die "not root and no sudo: install them yourself with: apt-get install chromium chromium-driver"
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  local apt=($sudo apt-get install -y -q -o Dpkg::Use-Pty=0 --no-install-recommends chromium chromium-driver)
  local rc=0 logfile=/tmp/vigil-apt-chromium.log
  "${apt[@]}" >"$logfile" 2>&1 || {
    log "install failed; refreshing the package lists and trying again"
    $sudo apt-get update -q >>"$logfile" 2>&1 || true
    "${apt[@]}" >>"$logfile" 2>&1 || rc=$?
  }
  [[ $rc -eq 0 ]] || die "apt-get install chromium chromium-driver failed (exit $rc); its output is in $logfile"
  log "installed chromium and chromium-driver"
}

case "${1:-}" in
  ensure)
    present || install_packages
    present || die "after installing, $CHROMIUM_BIN or $DRIVER_BIN is still missing"
    log "$("$CHROMIUM_BIN" --version 2>/dev/null | head -1); $("$DRIVER_BIN" --version 2>/dev/null | head -1)"
    ;;
  check) present ;;
  *) echo "usage: scripts/chromium.sh ensure|check" >&2; exit 2 ;;
esac
