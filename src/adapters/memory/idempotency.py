"""In-memory `IdempotencyStore` with the Postgres adapter's claim rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from application.ports.idempotency import IdempotencyRecord, RecordedResponse


@dataclass
class _Row:
    request_hash: str
    response: RecordedResponse | None
    locked_until: datetime | None
    expires_at: datetime


class InMemoryIdempotencyStore:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str], _Row] = {}
        self._keep: dict[tuple[str, str], int] = {}

    async def claim(
        self, scope: str, key: str, request_hash: str, *, now: datetime, lease_seconds: int, keep_seconds: int
    ) -> IdempotencyRecord | None:
        row = self._rows.get((scope, key))
        if row is not None and row.expires_at <= now:
            row = None  # expired: as if the reaper had run
        lease = now + timedelta(seconds=lease_seconds)
        if row is None:
            self._rows[(scope, key)] = _Row(request_hash, None, lease, now + timedelta(seconds=keep_seconds))
            self._keep[(scope, key)] = keep_seconds
            return None
        abandoned = row.response is None and row.request_hash == request_hash
        if abandoned and row.locked_until is not None and row.locked_until <= now:
            row.locked_until = lease
            return None
        return IdempotencyRecord(request_hash=row.request_hash, response=row.response, locked_until=row.locked_until)

    async def complete(self, scope: str, key: str, response: RecordedResponse, *, now: datetime) -> None:
        row = self._rows.get((scope, key))
        if row is not None:
            row.response, row.locked_until = response, None
            row.expires_at = now + timedelta(seconds=self._keep[(scope, key)])

    async def release(self, scope: str, key: str) -> None:
        row = self._rows.get((scope, key))
        if row is not None and row.response is None:
            del self._rows[(scope, key)]

    async def purge_expired(self, now: datetime) -> int:
        expired = [k for k, row in self._rows.items() if row.expires_at <= now]
        for k in expired:
            del self._rows[k]
        return len(expired)
