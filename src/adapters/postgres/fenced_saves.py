"""The version fence of the saga stores: a record is saved only over the row at the version it was read at."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction


async def save_fenced(
    engine: AsyncEngine, table: Table, row: dict[str, Any], *, missing: Exception, stale: Exception
) -> None:
    """Write `row` (a record's columns; its id and created_at stay as stored) with version + 1 over the row still at
    `row["version"]`. Raises `missing` when there is no such row, `stale` when another writer saved it first — so two
    workers, a retried round or a racing customer request never both apply a step."""
    record_id, version = row["id"], row["version"]
    values = {name: value for name, value in row.items() if name not in ("id", "created_at")} | {"version": version + 1}
    statement = update(table).where(table.c.id == record_id, table.c.version == version).values(**values)
    async with transaction(engine) as connection:
        if (await connection.execute(statement)).rowcount == 1:
            return
        exists = (await connection.execute(select(table.c.id).where(table.c.id == record_id))).first()
    raise stale if exists is not None else missing
