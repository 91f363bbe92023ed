from __future__ import annotations

from application.ports.clock import Clock


class InMemoryWebhookReceipts:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._seen: dict[tuple[str, str], float] = {}
        self.available = True  # tests switch this off to play a store outage

    async def first_time(self, source: str, delivery_id: str, *, ttl_seconds: int) -> bool:
        if not self.available:
            return True
        now = self._clock.monotonic()
        expiry = self._seen.get((source, delivery_id))
        if expiry is not None and expiry > now:
            return False
        self._seen[(source, delivery_id)] = now + ttl_seconds
        return True

    async def forget(self, source: str, delivery_id: str) -> None:
        if self.available:
            self._seen.pop((source, delivery_id), None)
