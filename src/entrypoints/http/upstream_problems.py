"""What this process last heard from each system it depends on when that went wrong, for operators only.

Customers get a plain "not available right now" (`problem_types`); the reason — which system, what it said, our
credentials refused — is logged and kept here, shown at `GET /api/health/upstreams`.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec

APP_STATE_KEY = "upstream_problems"


class UpstreamProblem(msgspec.Struct, kw_only=True, rename="camel"):
    system: str
    code: str
    detail: str  # what the error said inside: may name systems, hosts, states
    last_at: datetime
    count: int  # problems of this system since the process started


class UpstreamProblemsReport(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    problems: list[UpstreamProblem]  # one per system that failed since this process started, latest first


class UpstreamProblems:
    def __init__(self) -> None:
        self._by_system: dict[str, UpstreamProblem] = {}

    def record(self, system: str, code: str, detail: str) -> None:
        previous = self._by_system.get(system)
        count = 1 if previous is None else previous.count + 1
        self._by_system[system] = UpstreamProblem(
            system=system, code=code, detail=detail, last_at=datetime.now(UTC), count=count
        )

    def report(self) -> UpstreamProblemsReport:
        latest = sorted(self._by_system.values(), key=lambda problem: problem.last_at, reverse=True)
        return UpstreamProblemsReport(problems=[msgspec.structs.replace(problem) for problem in latest])
