"""Notifications on Postgres: `record` is one INSERT … ON CONFLICT DO NOTHING on (account, kind, source), so
concurrent or repeated notifiers of the same thing store it once without a read first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import notifications as table
from application.ports.clock import Clock
from application.ports.notifications import Notification, NotificationDraft, NotificationKind, NotificationPage


class PostgresNotifications:
    def __init__(self, engine: AsyncEngine, clock: Clock) -> None:
        self._engine = engine
        self._clock = clock

    async def record(self, draft: NotificationDraft) -> bool:
        statement = (
            insert(table)
            .values(
                sf_account_id=draft.sf_account_id,
                kind=draft.kind.value,
                source_id=draft.source_id,
                title=draft.title,
                body=draft.body,
                created_at=self._clock.now(),
            )
            .on_conflict_do_nothing(index_elements=[table.c.sf_account_id, table.c.kind, table.c.source_id])
            .returning(table.c.id)
        )
        async with transaction(self._engine) as connection:
            return (await connection.execute(statement)).first() is not None

    async def page(self, sf_account_id: str, *, before: int | None, limit: int) -> NotificationPage:
        query = select(table).where(table.c.sf_account_id == sf_account_id)
        if before is not None:
            query = query.where(table.c.id < before)
        # One more than asked: whether an older page exists, without a count.
        query = query.order_by(table.c.id.desc()).limit(limit + 1)
        async with transaction(self._engine) as connection:
            rows = (await connection.execute(query)).all()
        items = tuple(_notification(row) for row in rows[:limit])
        return NotificationPage(items=items, next_before=items[-1].id if len(rows) > limit else None)

    async def unread_count(self, sf_account_id: str) -> int:
        query = select(func.count()).where(table.c.sf_account_id == sf_account_id, table.c.read_at.is_(None))
        async with transaction(self._engine) as connection:
            return int((await connection.execute(query)).scalar_one())

    async def mark_read(self, sf_account_id: str, notification_id: int, *, at: datetime) -> bool:
        mine = (table.c.sf_account_id == sf_account_id) & (table.c.id == notification_id)
        statement = update(table).where(mine).values(read_at=func.coalesce(table.c.read_at, at)).returning(table.c.id)
        async with transaction(self._engine) as connection:
            return (await connection.execute(statement)).first() is not None

    async def mark_all_read(self, sf_account_id: str, *, at: datetime) -> int:
        statement = (
            update(table).where(table.c.sf_account_id == sf_account_id, table.c.read_at.is_(None)).values(read_at=at)
        )
        async with transaction(self._engine) as connection:
            return int((await connection.execute(statement)).rowcount)

    async def purge_created_before(self, cutoff: datetime) -> int:
        async with transaction(self._engine) as connection:
            return int((await connection.execute(delete(table).where(table.c.created_at < cutoff))).rowcount)


def _notification(row: Row[tuple[object, ...]]) -> Notification:
    return Notification(
        id=row.id,
        sf_account_id=row.sf_account_id,
        kind=NotificationKind(row.kind),
        source_id=row.source_id,
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
    )
