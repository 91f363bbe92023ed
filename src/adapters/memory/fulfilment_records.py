"""In-memory `FulfilmentRecords`: copies in and out, as a database would, so callers never share a record."""

from __future__ import annotations

import copy
from datetime import datetime

from domain.orders.fulfilment import Fulfilment, FulfilmentState

_UNFINISHED = (FulfilmentState.RUNNING, FulfilmentState.WAITING)


class InMemoryFulfilmentRecords:
    """Also `FulfilmentOverview`."""

    def __init__(self) -> None:
        self.records: dict[str, Fulfilment] = {}

    async def get(self, order_id: str) -> Fulfilment | None:
        found = self.records.get(order_id)
        return copy.deepcopy(found) if found else None

    async def begin(self, fulfilment: Fulfilment) -> Fulfilment:
        stored = self.records.setdefault(fulfilment.order_id, copy.deepcopy(fulfilment))
        return copy.deepcopy(stored)

    async def save(self, fulfilment: Fulfilment) -> None:
        self.records[fulfilment.order_id] = copy.deepcopy(fulfilment)

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        stalled = [r for r in self.records.values() if r.state in _UNFINISHED and r.updated_at <= idle_since]
        stalled.sort(key=lambda r: r.updated_at)
        return tuple(r.order_id for r in stalled[:limit])

    async def needing_attention(self, *, idle_since: datetime, limit: int = 100) -> tuple[Fulfilment, ...]:
        found = [
            copy.deepcopy(r)
            for r in self.records.values()
            if r.state.stopped or (r.state in _UNFINISHED and r.updated_at <= idle_since)
        ]
        return tuple(sorted(found, key=lambda r: r.updated_at)[:limit])
