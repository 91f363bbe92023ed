"""Concurrent callers of one key in one process share a single load (read models, cached upstream reads).

Without it, a popular key expiring (or Redis going away) turns N waiting requests into N identical upstream
calls. The load runs in its own task, so a caller that gives up (client gone) never cancels the others; the task's
exception is retrieved even when every caller left, so it is never reported as unhandled.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

T = TypeVar("T")


class SingleFlight:
    def __init__(self) -> None:
        self._flights: dict[str, asyncio.Task[Any]] = {}

    async def run(self, key: str, load: Callable[[], Awaitable[T]]) -> T:
        task = self._flights.get(key)
        if task is None:
            task = asyncio.ensure_future(load())
            self._flights[key] = task
            task.add_done_callback(lambda done: self._land(key, done))
        result: T = await asyncio.shield(task)
        return result

    def _land(self, key: str, task: asyncio.Task[Any]) -> None:
        if self._flights.get(key) is task:
            del self._flights[key]
        if not task.cancelled():
            task.exception()
