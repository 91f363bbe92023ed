"""The TypeScript usage file that `scripts/check-openapi.sh` type-checks against the generated client calls every
operation of the document: an operation added without a typed call there fails here (and a call to an operation
that no longer exists fails `tsc`)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.unit.http.openapi_walk import openapi_document, operations

USAGE = Path(__file__).resolve().parents[2] / "openapi" / "usage.ts"
CALL = re.compile(r'api\.(GET|POST|PUT|PATCH|DELETE)\(\s*"([^"]+)"')


def test_every_operation_is_called_in_the_typescript_usage_file() -> None:
    called = set(CALL.findall(USAGE.read_text()))
    documented = {(method, path) for method, path, _ in operations(openapi_document())}
    assert sorted(documented - called) == []


def test_the_usage_file_casts_nothing() -> None:
    """`as` casts and `any` would let a wrong shape through `tsc --strict`."""
    code = "\n".join(line for line in USAGE.read_text().splitlines() if not line.lstrip().startswith("//"))
    assert re.search(r"\bas\s+(?!const\b)\w", code) is None
    assert re.search(r"\bany\b", code) is None
    assert "@ts-" not in code
