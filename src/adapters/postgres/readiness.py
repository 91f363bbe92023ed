from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.migrations import head_revision
from application.errors import UpstreamUnavailableError
from application.ports.readiness import CheckResult


class PostgresReadiness:
    """Reachable, and migrated to the revision this code expects."""

    name = "postgres"

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def check(self) -> CheckResult:
        try:
            async with self._engine.connect() as connection:
                current = (await connection.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        except (SQLAlchemyError, OSError, UpstreamUnavailableError) as error:
            return CheckResult(name=self.name, ok=False, detail=f"unreachable or not migrated: {type(error).__name__}")
        expected = head_revision()
        if current != expected:
            return CheckResult(name=self.name, ok=False, detail=f"at migration {current}, code expects {expected}")
        return CheckResult(name=self.name, ok=True, detail=f"migration {current}")
