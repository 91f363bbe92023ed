"""`ProcessedEvents` on Redis: `portal:cdc-done:{<sha256(identity)>}` with the stream's retention as TTL."""

from __future__ import annotations

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError


class RedisProcessedEvents:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def seen(self, key: str) -> bool:
        try:
            return bool(await self._redis.exists(keys.processed_event(key)))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def mark(self, key: str, ttl_seconds: int) -> None:
        try:
            await self._redis.set(keys.processed_event(key), b"1", ex=ttl_seconds)
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error
