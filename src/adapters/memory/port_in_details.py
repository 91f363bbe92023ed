"""In-memory `PortInDetails`: holders by order key, with when each was saved (for the reaper)."""

from __future__ import annotations

from datetime import datetime

from adapters.system_clock import SystemClock
from application.ports.clock import Clock
from domain.orders.sim_request import MnpHolder


class InMemoryPortInDetails:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock: Clock = clock or SystemClock()
        self.holders: dict[str, MnpHolder] = {}
        self.saved_at: dict[str, datetime] = {}

    async def save(self, order_key: str, holder: MnpHolder) -> None:
        self.holders[order_key] = holder
        self.saved_at[order_key] = self._clock.now()

    async def get(self, order_key: str) -> MnpHolder | None:
        return self.holders.get(order_key)

    async def forget(self, order_key: str) -> bool:
        self.saved_at.pop(order_key, None)
        return self.holders.pop(order_key, None) is not None

    async def purge_saved_before(self, cutoff: datetime) -> int:
        old = [key for key, saved in self.saved_at.items() if saved < cutoff]
        for key in old:
            await self.forget(key)
        return len(old)
