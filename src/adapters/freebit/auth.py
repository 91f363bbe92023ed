"""The cached authKey: fetched once, shared by every call, renewed by one caller at a time."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from application.ports.clock import Clock


class AuthKeyCache:
    def __init__(self, fetch: Callable[[], Awaitable[str]], *, clock: Clock, ttl_seconds: float) -> None:
        self._fetch = fetch
        self._clock = clock
        self._ttl = ttl_seconds
        self._key: str | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()  # single flight: concurrent callers wait for one authOem

    async def current(self) -> str:
        key = self._fresh()
        if key is not None:
            return key
        async with self._lock:
            return self._fresh() or await self._renew()

    async def replace(self, refused: str) -> str:
        """A new key after Freebit refused `refused`, unless another caller already replaced it."""
        async with self._lock:
            key = self._fresh()
            if key is not None and key != refused:
                return key
            return await self._renew()

    def _fresh(self) -> str | None:
        if self._key is not None and self._clock.monotonic() - self._fetched_at < self._ttl:
            return self._key
        return None

    async def _renew(self) -> str:
        self._key = None
        key = await self._fetch()
        self._key, self._fetched_at = key, self._clock.monotonic()
        return key
