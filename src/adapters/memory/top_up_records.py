from __future__ import annotations

import copy
from datetime import datetime

from application.errors import NotFoundError
from domain.sims.top_up import TopUp


class InMemoryTopUpRecords:
    """Copies in and out, as a database would: a caller's unsaved changes are never seen by another."""

    def __init__(self) -> None:
        self.records: dict[str, TopUp] = {}

    async def get(self, top_up_id: str) -> TopUp | None:
        found = self.records.get(top_up_id)
        return copy.deepcopy(found) if found else None

    async def begin(self, top_up: TopUp) -> TopUp:
        for existing in self.records.values():
            if (existing.user_id, existing.idempotency_key) == (top_up.user_id, top_up.idempotency_key):
                return copy.deepcopy(existing)
        self.records[top_up.id] = copy.deepcopy(top_up)
        return copy.deepcopy(top_up)

    async def save(self, top_up: TopUp) -> None:
        if top_up.id not in self.records:
            raise NotFoundError("No such top-up.")
        self.records[top_up.id] = copy.deepcopy(top_up)

    async def unfinished(self, *, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        pending = [t for t in self.records.values() if not t.state.finished and t.updated_at <= idle_since]
        return tuple(t.id for t in sorted(pending, key=lambda t: t.updated_at)[:limit])
