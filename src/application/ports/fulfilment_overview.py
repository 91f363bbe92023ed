"""The fulfilments an operator should look at (Postgres in production)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.orders.fulfilment import Fulfilment


class FulfilmentOverview(Protocol):
    async def needing_attention(self, *, idle_since: datetime, limit: int = 100) -> tuple[Fulfilment, ...]:
        """Running or waiting ones untouched since `idle_since` (their job may be lost), and every stopped one
        (paused or failed: an agent re-triggers them in the CRM), oldest first."""
        ...
