"""`SimQuarantine` on Postgres: the quarantined rows of `sim_inventory`, and putting one back in stock."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import sim_inventory as stock
from application.ports.clock import Clock
from application.ports.sim_quarantine import QuarantinedSim, RestockOutcome


class PostgresSimQuarantine:
    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def list_quarantined(self, *, limit: int = 100) -> tuple[QuarantinedSim, ...]:
        query = (
            select(stock)
            .where(stock.c.quarantined_at.is_not(None))
            .order_by(stock.c.quarantined_at, stock.c.msisdn)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            rows = (await connection.execute(query)).all()
        return tuple(
            QuarantinedSim(
                msisdn=row.msisdn,
                kind=row.kind,
                product_number=row.product_number,
                quarantined_at=row.quarantined_at,
                reason=row.quarantine_reason,
            )
            for row in rows
        )

    async def restock(self, msisdn: str, *, reason: str) -> RestockOutcome:
        now = self._clock.now()
        statement = (
            update(stock)
            .where(stock.c.msisdn == msisdn, stock.c.quarantined_at.is_not(None))
            .values(quarantined_at=None, stocked_at=now, restocked_at=now, restock_reason=reason)
        )
        async with transaction(self._engine) as connection:
            if (await connection.execute(statement)).rowcount:
                return "restocked"
            known = (await connection.execute(select(stock.c.msisdn).where(stock.c.msisdn == msisdn))).first()
        return "not_quarantined" if known else "unknown"
