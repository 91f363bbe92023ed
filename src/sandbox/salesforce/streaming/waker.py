"""Wake held long polls when something happens, from whichever thread it happens on.

The record store commits on the server's event loop, but tests (and the demo's seeding) may publish from
another thread, so waiters are woken through their own loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterator


class Waker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiters: set[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = set()

    @contextlib.contextmanager
    def waiting(self) -> Iterator[asyncio.Event]:
        """An event set by the next `wake_all()`; register it before checking the condition you wait for."""
        entry = (asyncio.get_running_loop(), asyncio.Event())
        with self._lock:
            self._waiters.add(entry)
        try:
            yield entry[1]
        finally:
            with self._lock:
                self._waiters.discard(entry)

    def wake_all(self) -> None:
        with self._lock:
            waiters = list(self._waiters)
        for loop, event in waiters:
            with contextlib.suppress(RuntimeError):  # that loop has already closed: nobody is waiting
                loop.call_soon_threadsafe(event.set)
