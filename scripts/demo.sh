#!/usr/bin/env bash
# The README's first command: install, then run the whole portal against the emulators (`portal demo`).
# Uses the local PostgreSQL and Redis when they can be started; otherwise the demo runs on in-memory stores.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/services.sh || echo "PostgreSQL/Redis unavailable: the demo will run on in-memory stores."
scripts/bootstrap.sh
scripts/web-build.sh || echo "The frontend could not be built (above): the demo runs without it."
exec .venv/bin/portal demo "$@"
