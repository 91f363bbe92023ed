#!/usr/bin/env bash
# The browser tests (tests/e2e/web) drive Debian's Chromium through Playwright; no browser is ever downloaded. A
# Japanese font (IPA Gothic) comes along so that screenshots show names and addresses, not empty boxes.
# Installed here when it is missing and we can (root with apt-get, as in CI); otherwise those tests fail, naming
# the command to run.
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -d /usr/share/fonts/opentype/ipafont-gothic ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is not installed: the browser tests will fail. Install it: apt-get update && apt-get install -y chromium fonts-ipafont-gothic" >&2
  exit 0
fi
echo "installing chromium (Debian package) for the browser tests"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-ipafont-gothic >/dev/null
