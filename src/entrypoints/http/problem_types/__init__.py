"""What each problem code means, for the people who meet it: a stable title, a description behind the `type` URI,
and — for our own failures (5xx) — the words a customer sees instead of whatever the error said inside.

Every problem's `type` is `/api/problems/<code-in-kebab-case>` (RFC 9457 allows a full-path reference; it resolves
against the API's own origin), and `GET` on it answers with the description as a small HTML page. The tables are
split by area; `tests/unit/http/test_problem_types.py` fails on a code any error class or the HTTP layer can
answer with that has no row here.
"""

from __future__ import annotations

from collections.abc import Mapping

from entrypoints.http.problem_types.cancellations import CANCELLATIONS
from entrypoints.http.problem_types.general import GENERAL
from entrypoints.http.problem_types.identity import IDENTITY
from entrypoints.http.problem_types.orders import ORDERS
from entrypoints.http.problem_types.row import ProblemType
from entrypoints.http.problem_types.sims import SIMS

__all__ = ["PROBLEM_TYPES", "TYPE_PREFIX", "ProblemType", "slug", "type_of", "type_uri"]

TYPE_PREFIX = "/api/problems/"
PROBLEM_TYPES: Mapping[str, ProblemType] = {**GENERAL, **IDENTITY, **ORDERS, **SIMS, **CANCELLATIONS}


def slug(code: str) -> str:
    return code.lower().replace("_", "-")


def type_uri(code: str) -> str:
    return TYPE_PREFIX + slug(code)


BY_SLUG: Mapping[str, tuple[str, ProblemType]] = {slug(code): (code, row) for code, row in PROBLEM_TYPES.items()}


def type_of(code: str) -> ProblemType | None:
    return PROBLEM_TYPES.get(code)
