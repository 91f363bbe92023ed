"""This process's live streams, fed by its one subscription to every account's events.

A stream registers before it replays what it missed, so nothing published meanwhile is lost (what arrives twice
is dropped by id). When the subscription is lost every stream is closed: its client reconnects with
`Last-Event-ID` and the window gives it what it missed. A client too slow to take its events gets a "lagged"
mark instead of an unbounded queue, and catches up from the window. Closing the hub (process shutdown) ends every
stream at once, so the server never waits on them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from enum import Enum

from application.errors import UpstreamUnavailableError
from application.live.errors import TooManyStreamsError
from application.live.policy import LivePolicy
from application.ports.live_events import LiveEvent, LiveEvents

log = logging.getLogger(__name__)


class Signal(Enum):
    LAGGED = "lagged"  # events were dropped for this stream: catch up from the window
    CLOSED = "closed"  # the process stops, or its subscription was lost: end the stream


class Subscription:
    def __init__(self, account: str, size: int) -> None:
        self.account = account
        self.queue: asyncio.Queue[LiveEvent | Signal] = asyncio.Queue(maxsize=size)

    def offer(self, item: LiveEvent | Signal) -> None:
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            while not self.queue.empty():  # nothing in it is needed: the catch-up replays from the window
                self.queue.get_nowait()
            self.queue.put_nowait(Signal.LAGGED if item is not Signal.CLOSED else item)


class LiveHub:
    def __init__(self, events: LiveEvents, policy: LivePolicy) -> None:
        self._events = events
        self._policy = policy
        self._streams: dict[str, set[Subscription]] = {}
        self._open = 0
        self._ready = asyncio.Event()
        self._closed = False
        self._task: asyncio.Task[None] | None = None

    @property
    def open_streams(self) -> int:
        return self._open

    def start(self) -> None:
        if self._task is None and not self._closed:
            self._task = asyncio.create_task(self._run(), name="live-hub")

    async def close(self) -> None:
        """End every stream now (idempotent): the server's shutdown must not wait on them."""
        self._closed = True
        for streams in self._streams.values():
            for stream in streams:
                stream.offer(Signal.CLOSED)
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def open(self, account: str) -> Subscription:
        if self._closed:
            raise UpstreamUnavailableError("live", "This server is shutting down.", retry_after=1)
        mine = self._streams.setdefault(account, set())
        if len(mine) >= self._policy.streams_per_customer or self._open >= self._policy.streams_per_process:
            raise TooManyStreamsError()
        self.start()
        if not self._ready.is_set():
            try:
                await asyncio.wait_for(self._ready.wait(), self._policy.open_wait_seconds)
            except TimeoutError:
                raise UpstreamUnavailableError("redis", "Live updates are unavailable.") from None
        stream = Subscription(account, self._policy.queue_size)
        mine.add(stream)
        self._open += 1
        return stream

    def release(self, stream: Subscription) -> None:
        mine = self._streams.get(stream.account)
        if mine is not None and stream in mine:
            mine.discard(stream)
            self._open -= 1
            if not mine:
                del self._streams[stream.account]

    async def _run(self) -> None:
        while not self._closed:
            try:
                async for heard in self._events.listen():
                    if heard is None:
                        self._ready.set()
                    else:
                        for stream in tuple(self._streams.get(heard[0], ())):
                            stream.offer(heard[1])
            except Exception as error:
                log.warning("live_subscription_lost", extra={"error": type(error).__name__})
            self._ready.clear()
            for streams in self._streams.values():
                for stream in streams:
                    stream.offer(Signal.CLOSED)
            await asyncio.sleep(self._policy.resubscribe_seconds)
