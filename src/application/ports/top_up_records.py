"""Where each data top-up keeps its recovery points (Postgres in production).

Every call is its own transaction: a step recorded by `save` is durable when `save` returns. Errors:
`UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.sims.top_up import TopUp


class TopUpRecords(Protocol):
    async def get(self, top_up_id: str) -> TopUp | None: ...

    async def begin(self, top_up: TopUp) -> TopUp:
        """Store `top_up` unless the user already has one with its idempotency key; the stored record either way."""
        ...

    async def save(self, top_up: TopUp) -> None: ...

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        """Top-ups still pending but untouched since `idle_since` (their job lost, or waiting out an outage)."""
        ...
