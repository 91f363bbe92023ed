"""Where each order's fulfilment keeps its recovery points (Postgres in production).

Every call is its own transaction: a step recorded by `save` is durable when `save` returns, which is what makes
it a recovery point. Errors: `UpstreamUnavailableError` when the store cannot answer.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.orders.fulfilment import Fulfilment


class FulfilmentRecords(Protocol):
    async def get(self, order_id: str) -> Fulfilment | None: ...

    async def begin(self, fulfilment: Fulfilment) -> Fulfilment:
        """Store `fulfilment` unless the order already has one; the stored record either way."""
        ...

    async def save(self, fulfilment: Fulfilment) -> None: ...

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        """Orders whose fulfilment is running or waiting but untouched since `idle_since` (a lost job)."""
        ...
