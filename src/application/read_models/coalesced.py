"""Run a job in the background at most once at a time; requests while it runs fold into one more run."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


class CoalescedJob:
    def __init__(self, name: str, job: Callable[[], Awaitable[object]]) -> None:
        self._name = name
        self._job = job
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def request(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.create_task(self._run())

    async def idle(self) -> None:
        """Wait until no run is pending (tests, shutdown)."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        while True:
            self._again = False
            try:
                await self._job()
            except Exception as error:  # the next request or a reader's miss will try again
                log.warning("%s failed: %s: %s", self._name, type(error).__name__, error)
            if not self._again:
                return
