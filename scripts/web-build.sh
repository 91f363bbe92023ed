#!/usr/bin/env bash
# The frontend (web/) built to static files in web/dist: its API client is generated from the OpenAPI document the
# code prints now (`portal openapi`), so a schema change that breaks the UI, or a problem code with no words for the
# customer, fails this build (tsc --strict). Packages pinned in web/package-lock.json, installed with `npm ci` when
# the lock file changes. Needs the venv (scripts/bootstrap.sh) and Node.js 20.19+.
set -euo pipefail
cd "$(dirname "$0")/.."
fix="apt-get install -y nodejs npm  (Debian; Node.js 20.19 or later), then run this script again"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed; the frontend needs it. Fix: $fix" >&2; exit 1; }
done
stamp=web/node_modules/.portal-lock-sha256
lock=$(sha256sum web/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock" ]; then
  # No browser download: the browser tests drive Debian's Chromium (scripts/browser-deps.sh).
  (cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock" > "$stamp"
fi
.venv/bin/portal openapi --output web/openapi.json
(cd web && npm run --silent build -- --logLevel warn)
echo "frontend built: web/dist"
