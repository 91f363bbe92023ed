#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it: services, install, lint, types, architecture, tests.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh
scripts/bootstrap.sh
scripts/edge-deps.sh
scripts/browser-deps.sh

echo "== ruff check";            .venv/bin/ruff check src tests migrations
echo "== ruff format --check";   .venv/bin/ruff format --check src tests migrations
echo "== mypy --strict (src)";   .venv/bin/mypy
echo "== import-linter";         .venv/bin/lint-imports
echo "== php -l (the WHMCS hook module)"; scripts/php-lint.sh
echo "== OpenAPI: lint and the generated TypeScript client"; scripts/check-openapi.sh
echo "== the frontend: generated client, tsc --strict, static build"; scripts/web-build.sh
echo "== pytest";                .venv/bin/pytest "$@"
