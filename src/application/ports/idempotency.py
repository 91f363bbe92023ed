"""Idempotency keys for requests that create things: the first outcome is kept and replayed (≥ 24 h).

Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec


class RecordedResponse(msgspec.Struct, frozen=True, kw_only=True):
    """The first answer, exactly as it was sent (the application does not read it)."""

    status: int
    body: bytes
    media_type: str


class IdempotencyRecord(msgspec.Struct, frozen=True, kw_only=True):
    request_hash: str
    response: RecordedResponse | None  # None: the first request is still running (or died)
    locked_until: datetime | None


class IdempotencyStore(Protocol):
    async def claim(
        self, scope: str, key: str, request_hash: str, *, now: datetime, lease_seconds: int, keep_seconds: int
    ) -> IdempotencyRecord | None:
        """None when the key is now ours: new, or a claim whose holder died (lease lapsed, same request hash).

        Otherwise the existing record, unchanged. Atomic: of concurrent claims of one key, exactly one wins.
        """
        ...

    async def complete(self, scope: str, key: str, response: RecordedResponse, *, now: datetime) -> None: ...

    async def release(self, scope: str, key: str) -> None:
        """Forget an unfinished claim (a retryable failure): the same key may run again at once."""
        ...

    async def purge_expired(self, now: datetime) -> int: ...
