from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

import msgspec


class SessionRecord(msgspec.Struct, frozen=True, kw_only=True):
    user_id: UUID
    csrf_token: str
    created_at: datetime
    last_seen_at: datetime


class Caller(msgspec.Struct, frozen=True, kw_only=True):
    """Who a session's user is, as Postgres said when it was last read: what account requests need to know about
    the caller (the user and its link), kept beside the session so a warm request asks Postgres nothing."""

    user_id: UUID
    email: str
    status: str
    created_at: datetime
    whmcs_client_id: int | None
    sf_account_id: str | None
    sf_contact_id: str | None


class SessionLookup(msgspec.Struct, frozen=True, kw_only=True):
    """A session and, when known, its caller, read together (one round trip).

    `caller_seen` names what the caller slot held when read (nothing, a caller, or the mark of an invalidation):
    a caller read from Postgres is stored only if the slot still holds exactly that (see `remember_caller`).
    """

    record: SessionRecord
    caller: Caller | None
    caller_seen: str


class SessionStore(Protocol):
    """Server-side sessions. Ids are unguessable secrets; stores keep only their hashes."""

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        """A fresh session id (never a caller-supplied one: that is how fixation is prevented)."""
        ...

    async def get(self, session_id: str) -> SessionRecord | None: ...

    async def lookup(self, session_id: str) -> SessionLookup | None:
        """The session with its caller slot, in one round trip."""
        ...

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        """Store the record again and restart its idle expiry (the caller slot's too)."""
        ...

    async def remember_caller(self, session_id: str, caller: Caller, *, seen: str, ttl_seconds: int) -> bool:
        """Store `caller` for the session if its slot still holds `seen` (compare-and-set): a read of Postgres
        that an invalidation overtook is never stored. False when it was not stored."""
        ...

    async def forget_callers(self, user_id: UUID, *, ttl_seconds: int) -> None:
        """Invalidate the caller of every session of the user, so each reads Postgres again on its next request;
        fills already under way are voided (their `seen` no longer matches)."""
        ...

    async def revoke(self, session_id: str) -> None: ...

    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        """End every session of the user (but `keep`, if given)."""
        ...
