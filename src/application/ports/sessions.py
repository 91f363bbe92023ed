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


class SessionStore(Protocol):
    """Server-side sessions. Ids are unguessable secrets; stores keep only their hashes."""

    async def create(self, record: SessionRecord, *, ttl_seconds: int) -> str:
        """A fresh session id (never a caller-supplied one: that is how fixation is prevented)."""
        ...

    async def get(self, session_id: str) -> SessionRecord | None: ...

    async def touch(self, session_id: str, record: SessionRecord, *, ttl_seconds: int) -> None:
        """Store the record again and restart its idle expiry."""
        ...

    async def revoke(self, session_id: str) -> None: ...

    async def revoke_all(self, user_id: UUID, *, keep: str | None = None) -> None:
        """End every session of the user (but `keep`, if given)."""
        ...
