#!/usr/bin/env bash
# The README's first command: install, then run the portal against the local Postgres and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh
scripts/bootstrap.sh
export PORTAL_DATABASE_URL=${PORTAL_DATABASE_URL:-postgresql+asyncpg://postgres@127.0.0.1:5432/portal}
.venv/bin/portal migrate --create-database
echo "API on http://127.0.0.1:${PORTAL_HTTP_PORT:-8000}/api  (OpenAPI: /schema, /schema/openapi.json)"
exec .venv/bin/portal serve
