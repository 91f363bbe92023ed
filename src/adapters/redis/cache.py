from __future__ import annotations

import logging

from redis.asyncio import Redis
from redis.exceptions import RedisError

from adapters.redis import keys

log = logging.getLogger(__name__)


class RedisCache:
    """`portal:cache:<key>`. Errors become misses (reads) or no-ops (writes), logged, never raised."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.get(keys.cache(key))
        except (RedisError, OSError) as error:
            log.warning("cache_read_failed", extra={"key": key, "error": type(error).__name__})
            return None
        return value if isinstance(value, bytes) else None

    async def set(self, key: str, value: bytes, *, ttl_seconds: int) -> None:
        try:
            await self._redis.set(keys.cache(key), value, ex=ttl_seconds)
        except (RedisError, OSError) as error:
            log.warning("cache_write_failed", extra={"key": key, "error": type(error).__name__})

    async def delete(self, *cache_keys: str) -> None:
        if not cache_keys:
            return
        try:
            await self._redis.delete(*(keys.cache(key) for key in cache_keys))
        except (RedisError, OSError) as error:
            # A failed invalidation can leave stale data until the TTL: loud, so it is seen.
            log.error("cache_invalidation_failed", extra={"keys": list(cache_keys), "error": type(error).__name__})
