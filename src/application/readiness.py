from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import ClassVar

import msgspec

from application.errors import Raises
from application.ports.readiness import CheckResult, DependencyCheck


class ReadinessReport(msgspec.Struct, frozen=True, kw_only=True):
    ready: bool
    checks: list[CheckResult]


class CheckReadiness:
    """Runs every dependency check at once, each under its own deadline, so one hung dependency is reported
    as failed instead of hanging the probe."""

    raises: ClassVar[Raises] = ()  # a failed check is part of the report

    def __init__(self, checks: Sequence[DependencyCheck], *, timeout_seconds: float = 2.0) -> None:
        self._checks = checks
        self._timeout = timeout_seconds

    async def execute(self) -> ReadinessReport:
        results = await asyncio.gather(*(self._run(check) for check in self._checks))
        return ReadinessReport(ready=all(r.ok for r in results), checks=list(results))

    async def _run(self, check: DependencyCheck) -> CheckResult:
        try:
            async with asyncio.timeout(self._timeout):
                return await check.check()
        except TimeoutError:
            return CheckResult(name=check.name, ok=False, detail=f"no answer within {self._timeout:g}s")
