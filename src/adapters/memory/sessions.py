from __future__ import annotations

import secrets
from uuid import UUID

from application.ports.clock import Clock
from application.ports.sessions import SessionRecord


class InMemorySessionStore:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._records: dict[str, tuple[SessionRecord, float]] = {}

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        session_id = secrets.token_urlsafe(32)
        await self.touch(session_id, record, ttl_seconds=ttl_seconds)
        return session_id

    async def get(self, session_id: str) -> SessionRecord | None:
        entry = self._records.get(session_id)
        if entry is None or entry[1] <= self._clock.monotonic():
            self._records.pop(session_id, None)
            return None
        return entry[0]

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        self._records[session_id] = (record, self._clock.monotonic() + ttl_seconds)

    async def revoke(self, session_id: str) -> None:
        self._records.pop(session_id, None)

    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        for session_id, (record, _) in list(self._records.items()):
            if record.user_id == user_id and session_id != keep:
                del self._records[session_id]
