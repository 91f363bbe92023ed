from __future__ import annotations

import secrets
from uuid import UUID

from application.ports.clock import Clock
from application.ports.sessions import Caller, SessionLookup, SessionRecord

_FORGOTTEN = "forgotten:"


class InMemorySessionStore:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._records: dict[str, tuple[SessionRecord, float]] = {}
        # session id -> (what the caller slot holds: a mark or the caller, its token for compare-and-set, expiry)
        self._callers: dict[str, tuple[Caller | None, str, float]] = {}

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

    async def lookup(self, session_id: str) -> SessionLookup | None:
        record = await self.get(session_id)
        if record is None:
            return None
        caller, seen, expires = self._callers.get(session_id, (None, "", 0.0))
        if expires <= self._clock.monotonic():
            caller, seen = None, ""
        return SessionLookup(record=record, caller=caller, caller_seen=seen)

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        expires = self._clock.monotonic() + ttl_seconds
        self._records[session_id] = (record, expires)
        if session_id in self._callers:
            caller, seen, _ = self._callers[session_id]
            self._callers[session_id] = (caller, seen, expires)

    async def remember_caller(self, session_id: str, caller: Caller, *, seen: str, ttl_seconds: int) -> bool:
        _, current, expires = self._callers.get(session_id, (None, "", 0.0))
        if (current if expires > self._clock.monotonic() else "") != seen:
            return False
        self._callers[session_id] = (caller, "caller:" + secrets.token_hex(8), self._clock.monotonic() + ttl_seconds)
        return True

    async def forget_callers(self, user_id: UUID, *, ttl_seconds: int) -> None:
        for session_id, (record, _) in self._records.items():
            if record.user_id == user_id:
                mark = _FORGOTTEN + secrets.token_hex(8)
                self._callers[session_id] = (None, mark, self._clock.monotonic() + ttl_seconds)

    async def revoke(self, session_id: str) -> None:
        self._records.pop(session_id, None)
        self._callers.pop(session_id, None)

    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        for session_id, (record, _) in list(self._records.items()):
            if record.user_id == user_id and session_id != keep:
                del self._records[session_id]
                self._callers.pop(session_id, None)
