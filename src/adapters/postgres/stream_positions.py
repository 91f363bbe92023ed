"""Replay positions in Postgres (`stream_positions`), one row per channel, each save its own transaction."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adapters.postgres.tables import stream_positions
from adapters.system_clock import SystemClock
from application.errors import UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.stream_positions import StreamPosition

SYSTEM = "Postgres"


class PostgresStreamPositions:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, clock: Clock | None = None) -> None:
        self._sessions = sessions
        self._clock = clock or SystemClock()

    async def get(self, channel: str) -> StreamPosition | None:
        query = select(stream_positions.c.replay_id, stream_positions.c.updated_at).where(
            stream_positions.c.channel == channel
        )
        try:
            async with self._sessions() as session:
                row = (await session.execute(query)).one_or_none()
        except (SQLAlchemyError, OSError) as exc:
            raise UpstreamUnavailableError(SYSTEM, "Stream positions cannot be read.") from exc
        if row is None:
            return None
        return StreamPosition(channel=channel, replay_id=row.replay_id, updated_at=row.updated_at)

    async def save(self, channel: str, replay_id: int) -> None:
        now = self._clock.now()
        upsert = insert(stream_positions).values(channel=channel, replay_id=replay_id, updated_at=now)
        upsert = upsert.on_conflict_do_update(
            index_elements=[stream_positions.c.channel],
            set_={"replay_id": upsert.excluded.replay_id, "updated_at": upsert.excluded.updated_at},
        )
        try:
            async with self._sessions() as session, session.begin():
                await session.execute(upsert)
        except (SQLAlchemyError, OSError) as exc:
            raise UpstreamUnavailableError(SYSTEM, "The stream position cannot be saved.") from exc

    async def forget(self, channel: str) -> bool:
        statement = delete(stream_positions).where(stream_positions.c.channel == channel)
        try:
            async with self._sessions() as session, session.begin():
                result = await session.execute(statement)
        except (SQLAlchemyError, OSError) as exc:
            raise UpstreamUnavailableError(SYSTEM, "The stream position cannot be reset.") from exc
        return bool(getattr(result, "rowcount", 0))
