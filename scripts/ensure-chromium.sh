#!/usr/bin/env bash
# Makes sure Debian's chromium is installed at /usr/bin/chromium for the browser tests
# (test/browser). Uses apt only; never downloads a browser with `playwright install`.
# If another apt/dpkg run holds the lock (e.g. chromium being installed in the background),
# waits for it (up to APT_LOCK_WAIT_SECONDS, default 300) instead of failing.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
LOCK_WAIT_SECONDS="${APT_LOCK_WAIT_SECONDS:-300}"
LOCKS=(/var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock /var/cache/apt/archives/lock)

# True while some process holds one of apt's/dpkg's lock files.
apt_busy() {
  local lock
  if command -v fuser >/dev/null 2>&1; then
    for lock in "${LOCKS[@]}"; do
      [[ -e "$lock" ]] && fuser "$lock" >/dev/null 2>&1 && return 0
    done
    return 1
  fi
  # No fuser: fall back to looking for a running apt or dpkg.
  pgrep -x 'apt-get|apt|dpkg|unattended-upgr' >/dev/null 2>&1
}

wait_for_apt() {
  local waited=0
  if apt_busy; then
    echo "ensure-chromium: apt/dpkg is busy (another install running?); waiting up to ${LOCK_WAIT_SECONDS}s for it to finish..."
  fi
  while apt_busy; do
    if ((waited >= LOCK_WAIT_SECONDS)); then
      echo "ensure-chromium: apt/dpkg still busy after ${LOCK_WAIT_SECONDS}s; giving up." >&2
      return 1
    fi
    sleep 3
    waited=$((waited + 3))
  done
}

can_use_apt() {
  [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1
}

if [[ -x "$CHROMIUM" ]]; then
  # Present. If apt is mid-install (possibly of chromium itself), let it finish first.
  if can_use_apt; then wait_for_apt; fi
  exit 0
fi

if ! can_use_apt; then
  cat >&2 <<'EOF'
ensure-chromium: /usr/bin/chromium was not found.
The browser tests use Debian's chromium package (not a Playwright-downloaded browser).
Install it, then run the tests again:

    sudo apt-get install chromium
EOF
  exit 1
fi

wait_for_apt
# Someone may have just finished installing it while we waited.
if [[ -x "$CHROMIUM" ]]; then exit 0; fi

echo "ensure-chromium: installing Debian's chromium package with apt-get (apt-get update && apt-get install -y chromium)..."
apt-get -qq -o DPkg::Lock::Timeout="$LOCK_WAIT_SECONDS" update >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout="$LOCK_WAIT_SECONDS" install chromium >/dev/null

if [[ ! -x "$CHROMIUM" ]]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
