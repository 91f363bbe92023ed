"""redis-py's connection pool, bounded the way its BlockingConnectionPool is, at a fraction of the cost.

A caller beyond `max_connections` waits up to `timeout` for a connection to come back, then fails with
"No connection available" (an outage to the caller: 503), exactly as BlockingConnectionPool does. The bound is a
semaphore taken before the pool is asked: uncontended, taking it neither suspends nor arms a timer, where
BlockingConnectionPool enters a condition, a lock and a timeout on every command — measured under callgrind, two
warm GETs cost 0.98M instructions through BlockingConnectionPool and 0.80M through this (a warm account read ≈
1.6M in all).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, cast

from redis.asyncio import ConnectionPool
from redis.asyncio.connection import AbstractConnection
from redis.exceptions import ConnectionError as RedisConnectionError


class BoundedConnectionPool(ConnectionPool):
    def __init__(self, *, timeout: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._slots = asyncio.Semaphore(self.max_connections)
        self._wait_seconds = timeout
        # Connections handed out with a slot. The pool itself releases a connection it failed to connect (before
        # handing it out): that release must not give back a slot, which get_connection gives back itself.
        self._holding: set[AbstractConnection] = set()

    async def get_connection(self, *args: Any, **kwargs: Any) -> AbstractConnection:
        # redis-py's own signature is untyped (wrapped to warn about its deprecated arguments).
        get_from_pool = cast(Callable[..., Awaitable[AbstractConnection]], super().get_connection)
        await self._take_slot()
        try:
            connection = await get_from_pool(*args, **kwargs)
        except BaseException:
            self._slots.release()
            raise
        self._holding.add(connection)
        return connection

    async def release(self, connection: AbstractConnection) -> None:
        try:
            await super().release(connection)
        finally:
            if connection in self._holding:
                self._holding.discard(connection)
                self._slots.release()

    async def _take_slot(self) -> None:
        if not self._slots.locked():
            await self._slots.acquire()  # a free slot: taken without suspending
            return
        try:
            async with asyncio.timeout(self._wait_seconds):
                await self._slots.acquire()
        except TimeoutError:
            raise RedisConnectionError("No connection available.") from None
