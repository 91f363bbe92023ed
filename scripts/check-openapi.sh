#!/usr/bin/env bash
# The OpenAPI document as others consume it: linted by a standard linter (Redocly, recommended rules + examples
# must match their schemas: 0 errors), and turned into a TypeScript client (openapi-typescript + openapi-fetch)
# that `tsc --strict` checks against tests/openapi/usage.ts, which calls every operation. Tools are pinned in
# tests/openapi/package-lock.json and installed with `npm ci` when the lock file changes.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tests/openapi
fix="apt-get install -y nodejs npm  (Debian; Node.js 20.19 or later), then run this script again"

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is not installed; the OpenAPI checks need it. Fix: $fix" >&2; exit 1; }
done
stamp="$dir/node_modules/.portal-lock-sha256"
lock=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock" ]; then
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock" > "$stamp"
fi

.venv/bin/portal openapi --output "$dir/openapi.json"
cd "$dir"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
npx --no-install redocly lint openapi.json --format=summary 2>&1 | grep -v -e '^ *[║╔╚]' -e '^$'
npx --no-install openapi-typescript openapi.json --output schema.d.ts --default-non-nullable false >/dev/null
npx --no-install tsc -p tsconfig.json
echo "OpenAPI: lint clean, generated client type-checks against every operation"
