"""`PortInDetails` on Postgres, keyed by the CRM order's portal key."""

from __future__ import annotations

from datetime import datetime

import msgspec
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import port_in_holders as holders
from application.ports.clock import Clock
from domain.orders.sim_request import MnpHolder


class PostgresPortInDetails:
    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def save(self, order_key: str, holder: MnpHolder) -> None:
        values = {"holder": msgspec.to_builtins(holder), "created_at": self._clock.now()}
        statement = insert(holders).values(order_key=order_key, **values)
        statement = statement.on_conflict_do_update(index_elements=[holders.c.order_key], set_=values)
        async with transaction(self._engine) as connection:
            await connection.execute(statement)

    async def get(self, order_key: str) -> MnpHolder | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(select(holders.c.holder).where(holders.c.order_key == order_key))).first()
        return msgspec.convert(row.holder, MnpHolder) if row else None

    async def forget(self, order_key: str) -> bool:
        async with transaction(self._engine) as connection:
            result = await connection.execute(delete(holders).where(holders.c.order_key == order_key))
        return bool(result.rowcount)

    async def purge_saved_before(self, cutoff: datetime) -> int:
        async with transaction(self._engine) as connection:
            result = await connection.execute(delete(holders).where(holders.c.created_at < cutoff))
        return int(result.rowcount)
