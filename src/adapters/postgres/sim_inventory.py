"""`SimInventory` on Postgres: a free card is taken with SKIP LOCKED, so concurrent orders never share one.

The free stock is first in, first out by `stocked_at`; a card an order gives back is stocked again (at the back),
a quarantined one leaves the free index for good.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import sim_inventory as stock
from application.ports.clock import Clock
from application.ports.sim_inventory import SimKind
from domain.orders.fulfilment import SimCard


def _card(row: Any) -> SimCard:
    return SimCard(kind=row.kind, msisdn=row.msisdn, product_number=row.product_number)


class PostgresSimInventory:
    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def assign(self, order_id: str, kind: SimKind) -> SimCard | None:
        try:
            async with transaction(self._engine) as connection:
                return await self._held(connection, order_id) or await self._take(connection, order_id, kind)
        except IntegrityError:
            # The same order took a card at the very same moment elsewhere: that one is its card.
            async with transaction(self._engine) as connection:
                return await self._held(connection, order_id)

    async def _held(self, connection: AsyncConnection, order_id: str) -> SimCard | None:
        row = (await connection.execute(select(stock).where(stock.c.order_id == order_id))).first()
        return _card(row) if row else None

    async def _take(self, connection: AsyncConnection, order_id: str, kind: SimKind) -> SimCard | None:
        free = (
            select(stock.c.msisdn)
            .where(stock.c.kind == kind, stock.c.order_id.is_(None), stock.c.quarantined_at.is_(None))
            .order_by(stock.c.stocked_at, stock.c.msisdn)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        statement = (
            update(stock)
            .where(stock.c.msisdn == free)
            .values(order_id=order_id, assigned_at=self._clock.now())
            .returning(*stock.c)
        )
        row = (await connection.execute(statement)).first()
        return _card(row) if row else None

    async def add_stock(self, cards: Sequence[SimCard]) -> int:
        if not cards:
            return 0
        now = self._clock.now()
        stamps = {"created_at": now, "stocked_at": now}
        rows = [{"msisdn": c.msisdn, "kind": c.kind, "product_number": c.product_number, **stamps} for c in cards]
        async with transaction(self._engine) as connection:
            result = await connection.execute(insert(stock).values(rows).on_conflict_do_nothing())
        return int(result.rowcount)

    async def release(self, order_id: str, msisdn: str) -> bool:
        return await self._take_back(order_id, msisdn, stocked_at=self._clock.now())

    async def quarantine(self, order_id: str, msisdn: str, reason: str) -> bool:
        return await self._take_back(order_id, msisdn, quarantined_at=self._clock.now(), quarantine_reason=reason)

    async def _take_back(self, order_id: str, msisdn: str, **values: object) -> bool:
        statement = (
            update(stock)
            .where(stock.c.msisdn == msisdn, stock.c.order_id == order_id)
            .values(order_id=None, assigned_at=None, **values)
        )
        async with transaction(self._engine) as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount)
