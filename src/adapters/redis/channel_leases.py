"""`ChannelLeases` on Redis: `portal:cdc:{<channel>}:lease` holds the leader's id with a TTL."""

from __future__ import annotations

from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from adapters.redis.keys import as_text
from application.errors import UpstreamUnavailableError

_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
_ACQUIRE = """
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if current then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
"""


class RedisChannelLeases:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis
        self._acquire = redis.register_script(_ACQUIRE)
        self._renew = redis.register_script(_RENEW)
        self._release = redis.register_script(_RELEASE)

    async def acquire(self, channel: str, holder: str, ttl_ms: int) -> bool:
        try:
            return bool(await self._acquire(keys=[keys.channel_lease(channel)], args=[holder, ttl_ms]))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def renew(self, channel: str, holder: str, ttl_ms: int) -> bool:
        try:
            return bool(await self._renew(keys=[keys.channel_lease(channel)], args=[holder, ttl_ms]))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def release(self, channel: str, holder: str) -> None:
        try:
            await self._release(keys=[keys.channel_lease(channel)], args=[holder])
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def holder(self, channel: str) -> str | None:
        try:
            value = await self._redis.get(keys.channel_lease(channel))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error
        return as_text(value) if value is not None else None
