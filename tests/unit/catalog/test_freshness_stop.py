"""Shutdown never waits on a change listener that swallows its cancellation (as redis-py can mid-subscribe)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from application.catalog.freshness import CatalogFreshness
from application.ports.read_model_store import ReadModelChange


class StubbornStore:
    """A change feed that ignores the first cancellations it receives, then stops."""

    def __init__(self, swallow: int) -> None:
        self.swallow = swallow

    async def changes(self) -> AsyncIterator[ReadModelChange]:
        while True:
            try:
                await asyncio.sleep(3600)
            except asyncio.CancelledError:
                if self.swallow <= 0:
                    raise
                self.swallow -= 1
        yield  # pragma: no cover - makes this an async generator

    async def read(self, *args: Any, **kwargs: Any) -> Any:
        await asyncio.sleep(3600)


class SilentCatalog:
    local_version = None

    def forget(self) -> None:
        pass

    def announced(self) -> None:
        pass


async def test_a_listener_that_swallows_one_cancellation_is_cancelled_again() -> None:
    freshness = CatalogFreshness(StubbornStore(swallow=1), SilentCatalog(), verify_seconds=3600)  # type: ignore[arg-type]
    freshness.start()
    await asyncio.sleep(0.01)
    await asyncio.wait_for(freshness.stop(wait_seconds=0.2), timeout=5)


async def test_a_listener_that_never_stops_is_left_behind_within_the_bound() -> None:
    store = StubbornStore(swallow=10**6)
    freshness = CatalogFreshness(store, SilentCatalog(), verify_seconds=3600)  # type: ignore[arg-type]
    freshness.start()
    await asyncio.sleep(0.01)
    started = asyncio.get_running_loop().time()
    await freshness.stop(wait_seconds=0.05, attempts=3)
    assert asyncio.get_running_loop().time() - started < 1
    # Let the abandoned listener go now, so the test's event loop can close.
    store.swallow = 0
    leftovers = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in leftovers:
        task.cancel()
    await asyncio.gather(*leftovers, return_exceptions=True)
