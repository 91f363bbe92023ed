from __future__ import annotations

import copy

from application.errors import NotFoundError
from application.ports.replacement_records import StaleReplacementError
from domain.sims.replacement import SimReplacement


class InMemoryReplacementRecords:
    """Copies in and out, as a database would; saves fenced by version, one open replacement per SIM."""

    def __init__(self) -> None:
        self.records: dict[str, SimReplacement] = {}

    async def get(self, replacement_id: str) -> SimReplacement | None:
        found = self.records.get(replacement_id)
        return copy.deepcopy(found) if found else None

    async def by_key(self, user_id: str, idempotency_key: str) -> SimReplacement | None:
        for existing in self.records.values():
            if (existing.user_id, existing.idempotency_key) == (user_id, idempotency_key):
                return copy.deepcopy(existing)
        return None

    async def begin(self, replacement: SimReplacement) -> SimReplacement | None:
        earlier = await self.by_key(replacement.user_id, replacement.idempotency_key)
        if earlier is not None:
            return earlier
        if await self.open_for_sim(replacement.sim_id) is not None:
            return None
        self.records[replacement.id] = copy.deepcopy(replacement)
        return copy.deepcopy(replacement)

    async def save(self, replacement: SimReplacement) -> None:
        stored = self.records.get(replacement.id)
        if stored is None:
            raise NotFoundError("No such SIM replacement.")
        if stored.version != replacement.version:
            raise StaleReplacementError()
        saved = copy.deepcopy(replacement)
        saved.version += 1
        self.records[replacement.id] = saved

    async def open_for_sim(self, sim_id: int) -> SimReplacement | None:
        found = next((r for r in self.records.values() if r.sim_id == sim_id and r.state.open), None)
        return copy.deepcopy(found) if found else None

    async def scheduled_change(self, sim_id: int) -> str | None:
        return "sim_replacement" if await self.open_for_sim(sim_id) is not None else None

    async def unfinished(self, *, limit: int = 100) -> tuple[str, ...]:
        waiting = [r for r in self.records.values() if r.state.open]
        return tuple(r.id for r in sorted(waiting, key=lambda r: r.updated_at)[:limit])
