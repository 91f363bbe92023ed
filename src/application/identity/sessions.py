from __future__ import annotations

import secrets
from typing import ClassVar
from uuid import UUID

import msgspec

from application.errors import STORE_OUTAGE, Raises
from application.identity.policy import IdentityPolicy
from application.ports.clock import Clock
from application.ports.sessions import Caller, SessionRecord, SessionStore


class ActiveSession(msgspec.Struct, frozen=True, kw_only=True):
    session_id: str
    user_id: UUID
    csrf_token: str
    # Who the user is, when the session already knows (see `ResolveCaller`); `caller_seen` is what its slot held.
    caller: Caller | None = None
    caller_seen: str = ""


class SessionManager:
    """Starting, resolving and ending server-side sessions under the idle and absolute lifetimes."""

    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, store: SessionStore, clock: Clock, policy: IdentityPolicy) -> None:
        self._store = store
        self._clock = clock
        self._policy = policy

    async def start(self, user_id: UUID, *, replacing: str | None = None) -> ActiveSession:
        """A new session id every time someone authenticates; the one they arrived with is destroyed."""
        if replacing:
            await self._store.revoke(replacing)
        now = self._clock.now()
        record = SessionRecord(user_id=user_id, csrf_token=secrets.token_urlsafe(32), created_at=now, last_seen_at=now)
        session_id = await self._store.create(record, ttl_seconds=self._policy.session_idle_seconds)
        return ActiveSession(session_id=session_id, user_id=user_id, csrf_token=record.csrf_token)

    async def resolve(self, session_id: str | None) -> ActiveSession | None:
        if not session_id:
            return None
        found = await self._store.lookup(session_id)
        if found is None:
            return None
        record = found.record
        now = self._clock.now()
        idle = (now - record.last_seen_at).total_seconds()
        age = (now - record.created_at).total_seconds()
        if idle >= self._policy.session_idle_seconds or age >= self._policy.session_absolute_seconds:
            await self._store.revoke(session_id)
            return None
        if idle >= self._policy.session_touch_interval_seconds:
            touched = msgspec.structs.replace(record, last_seen_at=now)
            await self._store.touch(session_id, touched, ttl_seconds=self._policy.session_idle_seconds)
        return ActiveSession(
            session_id=session_id,
            user_id=record.user_id,
            csrf_token=record.csrf_token,
            caller=found.caller,
            caller_seen=found.caller_seen,
        )

    async def remember_caller(self, session: ActiveSession, caller: Caller) -> None:
        """Keep `caller` with the session, unless it was invalidated since the session was read (then the next
        request reads Postgres again)."""
        await self._store.remember_caller(
            session.session_id, caller, seen=session.caller_seen, ttl_seconds=self._policy.session_idle_seconds
        )

    async def forget_callers(self, user_id: UUID) -> None:
        """The user or its link changed: every session of the user reads who it is again on its next request."""
        await self._store.forget_callers(user_id, ttl_seconds=self._policy.session_idle_seconds)

    async def end(self, session_id: str) -> None:
        await self._store.revoke(session_id)

    async def end_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        await self._store.revoke_all(user_id, keep=keep)
