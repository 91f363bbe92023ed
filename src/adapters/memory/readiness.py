from __future__ import annotations

from application.ports.readiness import CheckResult


class InMemoryReadiness:
    """Stands in for a server in memory mode: always there, and says so."""

    def __init__(self, name: str) -> None:
        self.name = name

    async def check(self) -> CheckResult:
        return CheckResult(name=self.name, ok=True, detail="in-memory")
