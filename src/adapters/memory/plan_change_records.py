from __future__ import annotations

import copy
from datetime import datetime

from application.errors import NotFoundError
from application.ports.plan_change_records import StalePlanChangeError
from domain.sims.plan_change import PlanChange, cut_off


class InMemoryPlanChangeRecords:
    """Copies in and out, as a database would; saves fenced by version, one open change per SIM."""

    def __init__(self) -> None:
        self.records: dict[str, PlanChange] = {}

    async def get(self, change_id: str) -> PlanChange | None:
        found = self.records.get(change_id)
        return copy.deepcopy(found) if found else None

    async def by_key(self, user_id: str, idempotency_key: str) -> PlanChange | None:
        for existing in self.records.values():
            if (existing.user_id, existing.idempotency_key) == (user_id, idempotency_key):
                return copy.deepcopy(existing)
        return None

    async def begin(self, change: PlanChange) -> PlanChange | None:
        earlier = await self.by_key(change.user_id, change.idempotency_key)
        if earlier is not None:
            return earlier
        if await self.open_for_sim(change.sim_id) is not None:
            return None
        self.records[change.id] = copy.deepcopy(change)
        return copy.deepcopy(change)

    async def save(self, change: PlanChange) -> None:
        stored = self.records.get(change.id)
        if stored is None:
            raise NotFoundError("No such plan change.")
        if stored.version != change.version:
            raise StalePlanChangeError()
        saved = copy.deepcopy(change)
        saved.version += 1
        self.records[change.id] = saved

    async def open_for_sim(self, sim_id: int) -> PlanChange | None:
        found = next((c for c in self.records.values() if c.sim_id == sim_id and c.state.open), None)
        return copy.deepcopy(found) if found else None

    async def scheduled_change(self, sim_id: int) -> str | None:
        return "plan_change" if await self.open_for_sim(sim_id) is not None else None

    async def due(self, *, now: datetime, limit: int = 100) -> tuple[str, ...]:
        due = [c for c in self.records.values() if c.state.open and cut_off(c.effective_on) <= now]
        return tuple(c.id for c in sorted(due, key=lambda c: c.created_at)[:limit])
