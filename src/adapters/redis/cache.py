from __future__ import annotations

import logging
from collections.abc import Collection

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError

log = logging.getLogger(__name__)


PURGE_BATCH = 500


class RedisCache:
    """`portal:cache:{<key>}`. Errors become misses (reads) or no-ops (writes), logged, never raised; a purge
    (an operator's) raises them. A purge scans the key space (every master of a cluster) without blocking Redis."""

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def get(self, key: str) -> bytes | None:
        try:
            value = await self._redis.get(keys.cache(key))
        except (RedisError, OSError) as error:
            log.warning("cache_read_failed", extra={"key": key, "error": type(error).__name__})
            return None
        return value if isinstance(value, bytes) else None

    async def get_many(self, *cache_keys: str) -> list[bytes | None]:
        """A pipeline, not an MGET: the keys are in different slots of a cluster (the cluster client sends one
        batch per node); on one Redis it is one round trip."""
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for key in cache_keys:
                    pipe.get(keys.cache(key))
                values = await pipe.execute()
        except (RedisError, OSError) as error:
            log.warning("cache_read_failed", extra={"key": list(cache_keys), "error": type(error).__name__})
            return [None] * len(cache_keys)
        return [value if isinstance(value, bytes) else None for value in values]

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

    async def purge(self, prefix: str, *, keep: Collection[str] = ()) -> int:
        purged, kept = 0, {keys.cache(key).encode() for key in keep}
        try:
            batch: list[bytes] = []
            async for key in self._redis.scan_iter(match=keys.cache_pattern(prefix), count=PURGE_BATCH):
                if key in kept:
                    continue
                batch.append(key)
                if len(batch) == PURGE_BATCH:
                    purged += int(await self._redis.delete(*batch))
                    batch = []
            if batch:
                purged += int(await self._redis.delete(*batch))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("cache", str(error)) from error
        return purged
