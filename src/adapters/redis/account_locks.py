"""`AccountLocks` on Redis: redis-py's token lock (`SET NX PX`, compare-and-delete release), `portal:lock:{<name>}`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from redis.exceptions import LockError, RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.account_locks import RequestInProgressError


class RedisAccountLocks:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    @asynccontextmanager
    async def hold(self, name: str, *, timeout_seconds: float, wait_seconds: float) -> AsyncIterator[None]:
        lock = self._redis.lock(keys.account_lock(name), timeout=timeout_seconds, blocking_timeout=wait_seconds)
        try:
            acquired = await lock.acquire()
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error
        if not acquired:
            raise RequestInProgressError()
        try:
            yield
        finally:
            try:
                await lock.release()
            except LockError:
                pass  # it lapsed: the work took longer than the timeout, someone else may hold it now
            except (RedisError, OSError):
                pass  # it lapses by itself
