"""`MailOutbox` on Postgres: the event key is the primary key, so a second add is one INSERT … ON CONFLICT away
from nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.postgres.short_transactions import transaction
from adapters.postgres.tables import mail_outbox as outbox
from application.ports.mail import Mail, MailTemplate, OutboxEntry


class PostgresMailOutbox:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def add(self, mail: Mail, *, now: datetime) -> bool:
        statement = (
            insert(outbox)
            .values(
                event_key=mail.event_key,
                recipient=mail.to,
                template=mail.template.value,
                mail_values=dict(mail.values),
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=[outbox.c.event_key])
            .returning(outbox.c.event_key)
        )
        async with transaction(self._engine) as connection:
            return (await connection.execute(statement)).first() is not None

    async def get(self, event_key: str) -> OutboxEntry | None:
        async with transaction(self._engine) as connection:
            row = (await connection.execute(select(outbox).where(outbox.c.event_key == event_key))).first()
        if row is None:
            return None
        mail = Mail(
            event_key=row.event_key, to=row.recipient, template=MailTemplate(row.template), values=row.mail_values
        )
        return OutboxEntry(mail=mail, created_at=row.created_at, sent_at=row.sent_at, refused=row.refused)

    async def mark_sent(self, event_key: str, *, now: datetime) -> None:
        await self._settle(event_key, sent_at=now)

    async def mark_refused(self, event_key: str, reason: str, *, now: datetime) -> None:
        await self._settle(event_key, refused=reason)

    async def _settle(self, event_key: str, **values: object) -> None:
        statement = (
            update(outbox)
            .where(outbox.c.event_key == event_key, outbox.c.sent_at.is_(None), outbox.c.refused.is_(None))
            .values(mail_values={}, **values)
        )
        async with transaction(self._engine) as connection:
            await connection.execute(statement)

    async def unsettled(self, *, created_after: datetime, created_before: datetime, limit: int) -> list[str]:
        statement = (
            select(outbox.c.event_key)
            .where(
                outbox.c.sent_at.is_(None),
                outbox.c.refused.is_(None),
                outbox.c.created_at > created_after,
                outbox.c.created_at < created_before,
            )
            .order_by(outbox.c.created_at)
            .limit(limit)
        )
        async with transaction(self._engine) as connection:
            return list((await connection.execute(statement)).scalars())

    async def purge(self, *, created_before: datetime) -> int:
        async with transaction(self._engine) as connection:
            result = await connection.execute(delete(outbox).where(outbox.c.created_at < created_before))
        return int(result.rowcount)
