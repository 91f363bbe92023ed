#!/usr/bin/env bash
# The edge tests (tests/e2e/edge) run the real nginx, Debian's package. Installed here when it is missing and we
# can (root with apt-get, as in CI); otherwise those tests fail, naming the command to run. The package must not
# start a system nginx on port 80 as a side effect, so service starts are refused while it installs.
set -euo pipefail

if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "nginx is not installed: the edge tests will fail. Install it: apt-get update && apt-get install -y nginx" >&2
  exit 0
fi
echo "installing nginx (Debian package) for the edge tests"
added_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && added_policy=yes
fi
trap 'if [ -n "$added_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
