#!/usr/bin/env bash
# Lint the PHP hook module a WHMCS admin installs. Installs php-cli from Debian when missing (as root, as on CI).
# Without PHP it fails with the command that fixes it; a developer may skip it knowingly with
# PORTAL_SKIP_PHP_LINT=1 (never in CI: CI=true makes a missing PHP a failure whatever that says).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v php >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing php-cli (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli >/dev/null
fi
if ! command -v php >/dev/null 2>&1; then
  if [ "${PORTAL_SKIP_PHP_LINT:-}" = 1 ] && [ "${CI:-}" != true ]; then
    echo "SKIPPED (PORTAL_SKIP_PHP_LINT=1): php is not installed, the hook module was not linted"
    exit 0
  fi
  echo "php is not installed, so the WHMCS hook module cannot be linted. Fix: sudo apt-get install -y php-cli" >&2
  exit 1
fi
for file in integrations/whmcs/*.php; do php -l "$file"; done
