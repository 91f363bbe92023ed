from __future__ import annotations

from typing import Protocol

import msgspec


class CheckResult(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    ok: bool
    detail: str = ""


class DependencyCheck(Protocol):
    """One thing the API needs before it can serve traffic (a database, a cache)."""

    name: str

    async def check(self) -> CheckResult: ...
