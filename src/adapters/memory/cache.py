from __future__ import annotations

from collections.abc import Collection

from application.errors import UpstreamUnavailableError
from application.ports.clock import Clock


class InMemoryCache:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._entries: dict[str, tuple[bytes, float]] = {}
        self.available = True  # tests switch this off to play a cache outage

    async def get(self, key: str) -> bytes | None:
        entry = self._entries.get(key)
        if not self.available or entry is None or entry[1] <= self._clock.monotonic():
            return None
        return entry[0]

    async def get_many(self, *keys: str) -> list[bytes | None]:
        return [await self.get(key) for key in keys]

    async def set(self, key: str, value: bytes, *, ttl_seconds: int) -> None:
        if self.available:
            self._entries[key] = (value, self._clock.monotonic() + ttl_seconds)

    async def delete(self, *keys: str) -> None:
        if self.available:
            for key in keys:
                self._entries.pop(key, None)

    async def purge(self, prefix: str, *, keep: Collection[str] = ()) -> int:
        if not self.available:
            raise UpstreamUnavailableError("cache")
        now = self._clock.monotonic()
        doomed = [key for key in self._entries if key.startswith(prefix) and key not in keep]
        live = sum(1 for key in doomed if self._entries[key][1] > now)
        for key in doomed:
            del self._entries[key]
        return live

    def live_keys(self) -> list[str]:
        now = self._clock.monotonic()
        return sorted(key for key, (_, expiry) in self._entries.items() if expiry > now)
