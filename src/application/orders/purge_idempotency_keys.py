from __future__ import annotations

from application.ports.clock import Clock
from application.ports.idempotency import IdempotencyStore


class PurgeIdempotencyKeys:
    """The reaper: keys past their keeping time (≥ 24 h after their answer) are deleted."""

    def __init__(self, store: IdempotencyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    async def execute(self) -> int:
        return await self._store.purge_expired(self._clock.now())
