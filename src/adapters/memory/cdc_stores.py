"""In-memory twins of the consumer's Redis stores: channel leases, processed events, the status board, locks,
operators' resync requests.

Leases and processed events expire by the injected clock's `monotonic()`, as their Redis keys would.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from adapters.system_clock import SystemClock
from application.ports.account_locks import RequestInProgressError
from application.ports.clock import Clock
from application.ports.stream_status import ChannelStatus


class InMemoryChannelLeases:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._leases: dict[str, tuple[str, float]] = {}

    async def acquire(self, channel: str, holder: str, ttl_ms: int) -> bool:
        current = await self.holder(channel)
        if current not in (None, holder):
            return False
        self._leases[channel] = (holder, self._clock.monotonic() + ttl_ms / 1000)
        return True

    async def renew(self, channel: str, holder: str, ttl_ms: int) -> bool:
        if await self.holder(channel) != holder:
            return False
        self._leases[channel] = (holder, self._clock.monotonic() + ttl_ms / 1000)
        return True

    async def release(self, channel: str, holder: str) -> None:
        if await self.holder(channel) == holder:
            del self._leases[channel]

    async def holder(self, channel: str) -> str | None:
        lease = self._leases.get(channel)
        if lease is None or lease[1] <= self._clock.monotonic():
            return None
        return lease[0]


class InMemoryProcessedEvents:
    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._until: dict[str, float] = {}

    async def seen(self, key: str) -> bool:
        return self._until.get(key, float("-inf")) > self._clock.monotonic()

    async def mark(self, key: str, ttl_seconds: int) -> None:
        self._until[key] = self._clock.monotonic() + ttl_seconds


class InMemoryStreamStatusBoard:
    def __init__(self) -> None:
        self._statuses: dict[str, ChannelStatus] = {}

    async def report(self, status: ChannelStatus) -> None:
        self._statuses[status.channel] = status

    async def all(self) -> tuple[ChannelStatus, ...]:
        return tuple(sorted(self._statuses.values(), key=lambda s: s.channel))


class InMemoryResyncRequests:
    def __init__(self) -> None:
        self._waiting: set[str] = set()

    async def request(self, channel: str) -> bool:
        new = channel not in self._waiting
        self._waiting.add(channel)
        return new

    async def pending(self, channel: str) -> bool:
        return channel in self._waiting

    async def done(self, channel: str) -> None:
        self._waiting.discard(channel)


class InMemoryAccountLocks:
    """Process-local (the in-memory mode is one process); `timeout_seconds` is not enforced."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}

    @asynccontextmanager
    async def hold(self, name: str, *, timeout_seconds: float, wait_seconds: float) -> AsyncIterator[None]:
        lock = self._locks.setdefault(name, asyncio.Lock())
        try:
            await asyncio.wait_for(lock.acquire(), wait_seconds)
        except TimeoutError:
            raise RequestInProgressError() from None
        try:
            yield
        finally:
            lock.release()
