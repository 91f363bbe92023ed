"""`ResyncRequests` on Redis: `portal:cdc:{<channel>}:resync`, present while a reset waits for the leader."""

from __future__ import annotations

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError


class RedisResyncRequests:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def request(self, channel: str) -> bool:
        try:
            return bool(await self._redis.set(keys.channel_resync(channel), b"1", nx=True))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def pending(self, channel: str) -> bool:
        try:
            return bool(await self._redis.exists(keys.channel_resync(channel)))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def done(self, channel: str) -> None:
        try:
            await self._redis.delete(keys.channel_resync(channel))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error
