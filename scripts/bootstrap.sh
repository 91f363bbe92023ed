#!/usr/bin/env bash
# Create .venv (if missing) and install the project with its development tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi
.venv/bin/pip install --quiet --disable-pip-version-check -e '.[dev]'
