"""Keeps this process's copy of the catalog honest: drop it on an announced change, re-check the version often.

Background work of every API process: the API's lifespan starts it and stops it at shutdown (no other process
serves from its own copy, so no other starts it).
"""

from __future__ import annotations

import asyncio
import logging

from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.catalog.windows import VERIFY_SECONDS
from application.ports.read_model_store import ReadModelStore, StoreUnavailableError

log = logging.getLogger(__name__)
TASK_PREFIX = "catalog-freshness-"


class CatalogFreshness:
    def __init__(
        self, store: ReadModelStore, catalog: CatalogReadModel, *, verify_seconds: float = VERIFY_SECONDS
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._verify_seconds = verify_seconds
        self._tasks: list[asyncio.Task[None]] = []

    @property
    def running(self) -> bool:
        return any(not task.done() for task in self._tasks)

    def start(self) -> None:
        if not self._tasks:
            self._tasks = [
                asyncio.create_task(self._listen(), name=f"{TASK_PREFIX}listen"),
                asyncio.create_task(self._verify(), name=f"{TASK_PREFIX}verify"),
            ]

    async def stop(self, *, wait_seconds: float = 1.0, attempts: int = 3) -> None:
        """Cancel the background tasks without ever hanging shutdown: redis-py can swallow a cancellation that
        lands while it subscribes, so a task still running is cancelled again and, at worst, left behind."""
        pending = set(self._tasks)
        for _ in range(attempts):
            for task in pending:
                task.cancel()
            done, pending = await asyncio.wait(pending, timeout=wait_seconds)
            for task in done:
                if not task.cancelled():
                    task.exception()  # retrieved: a task that died on its own is not reported as unhandled
            if not pending:
                break
        if pending:
            log.warning("catalog_freshness_tasks_abandoned: %d did not stop", len(pending))
        self._tasks = []

    async def _listen(self) -> None:
        while True:
            try:
                async for change in self._store.changes():
                    if change.family != FAMILY or change.entity not in (ENTITY, None):
                        continue
                    self._catalog.announced()
                    local = self._catalog.local_version
                    if local is None or local.tag != change.version:
                        self._catalog.forget()
            except StoreUnavailableError as error:
                log.warning("catalog_change_feed_lost: %s", error)
            await asyncio.sleep(1.0)  # the verify loop covers the gap

    async def _verify(self) -> None:
        while True:
            try:
                stored = await self._store.read(FAMILY, ENTITY)
            except StoreUnavailableError:
                pass  # unverified copies expire by themselves
            else:
                self._catalog.verified(stored.version)
            await asyncio.sleep(self._verify_seconds)
