"""A bulkhead for live reads of a system of record: at most `limit` at once per process.

When the read models cannot help (Redis down, a stuck filler), requests go straight to the system of record;
the gate keeps that from becoming a flood. Callers that cannot get in within `wait_seconds` get a retryable
503 instead of queueing without bound.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from application.errors import UpstreamUnavailableError

T = TypeVar("T")


class LiveReadGate:
    def __init__(self, system: str, *, limit: int, wait_seconds: float) -> None:
        self.system = system
        self.limit = limit
        self._slots = asyncio.Semaphore(limit)
        self._wait = wait_seconds
        self.refused = 0
        self.admitted = 0

    async def run(self, call: Callable[[], Awaitable[T]]) -> T:
        try:
            await asyncio.wait_for(self._slots.acquire(), self._wait)
        except TimeoutError:
            self.refused += 1
            raise UpstreamUnavailableError(self.system, retry_after=1) from None
        self.admitted += 1
        try:
            return await call()
        finally:
            self._slots.release()
