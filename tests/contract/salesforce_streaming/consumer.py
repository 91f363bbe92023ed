"""A consumer as `portal cdc` runs one: it saves each position after handling the event."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence

from application.ports.change_stream import ChangeStream, StreamMessage
from application.ports.stream_positions import StreamPositions


class Consumer:
    def __init__(self, stream: ChangeStream, positions: StreamPositions, channels: Sequence[str]) -> None:
        self._stream = stream
        self._positions = positions
        self._channels = channels
        self._received: asyncio.Queue[StreamMessage] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Consumer:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()
        # A failure of the stream is asserted by the tests that expect one (`failure()`), not raised here.
        await asyncio.gather(self._task, return_exceptions=True)

    async def _run(self) -> None:
        async with contextlib.aclosing(self._stream.subscribe(self._channels)) as messages:
            async for message in messages:
                await self._received.put(message)
                if message.replay_id is not None:
                    await self._positions.save(message.channel, message.replay_id)

    async def take(self, count: int, *, within: float = 8.0) -> list[StreamMessage]:
        taken = []
        async with asyncio.timeout(within):
            for _ in range(count):
                taken.append(await self._next())
        return taken

    async def nothing_more(self, *, within: float = 0.4) -> None:
        await asyncio.sleep(within)
        self._raise_if_failed()
        assert self._received.empty(), f"unexpected: {self._received.get_nowait()}"

    async def failure(self, *, within: float = 8.0) -> BaseException:
        assert self._task is not None
        async with asyncio.timeout(within):
            with contextlib.suppress(BaseException):
                await asyncio.shield(self._task)
        error = self._task.exception()
        assert error is not None
        return error

    async def _next(self) -> StreamMessage:
        assert self._task is not None
        getting = asyncio.ensure_future(self._received.get())
        await asyncio.wait([getting, self._task], return_when=asyncio.FIRST_COMPLETED)
        if not getting.done():
            getting.cancel()
            self._raise_if_failed()
        return getting.result()

    def _raise_if_failed(self) -> None:
        assert self._task is not None
        if self._task.done() and not self._task.cancelled() and self._task.exception() is not None:
            raise AssertionError("the stream failed") from self._task.exception()
