#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium for the browser tests (test/browser).
# Uses apt only: never a browser downloaded by `playwright install`.
set -euo pipefail

[[ -x /usr/bin/chromium ]] && exit 0

if [[ "$(id -u)" -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: /usr/bin/chromium is missing. Install Debian's chromium, then run the tests again:" >&2
  echo "    sudo apt-get install chromium" >&2
  exit 1
fi

echo "ensure-chromium: installing Debian's chromium package with apt-get..."
# DPkg::Lock::Timeout waits for another apt run instead of failing on its lock.
apt-get -qq -o DPkg::Lock::Timeout=300 update >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout=300 install chromium >/dev/null
[[ -x /usr/bin/chromium ]] || { echo "ensure-chromium: apt-get finished but /usr/bin/chromium is still missing." >&2; exit 1; }
