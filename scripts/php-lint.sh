#!/usr/bin/env bash
# Lint the PHP hook module a WHMCS admin installs. Installs php-cli from Debian when possible (root, as in CI);
# says so plainly when PHP cannot be had, rather than failing the run for a missing linter.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v php >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli) >/dev/null 2>&1 || true
fi
if command -v php >/dev/null 2>&1; then
  for file in integrations/whmcs/*.php; do php -l "$file"; done
else
  echo "php is not installed and could not be installed: the hook module was not linted"
fi
