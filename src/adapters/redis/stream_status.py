"""`StreamStatusBoard` on Redis: one hash `portal:cdc:{status}`, a JSON `ChannelStatus` per channel."""

from __future__ import annotations

import msgspec
from redis.exceptions import RedisError

from adapters.redis import keys
from adapters.redis.client import RedisClient
from application.errors import UpstreamUnavailableError
from application.ports.stream_status import ChannelStatus


class RedisStreamStatusBoard:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def report(self, status: ChannelStatus) -> None:
        try:
            await self._redis.hset(keys.channel_status(), status.channel, msgspec.json.encode(status))
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error

    async def all(self) -> tuple[ChannelStatus, ...]:
        try:
            rows = await self._redis.hgetall(keys.channel_status())
        except (RedisError, OSError) as error:
            raise UpstreamUnavailableError("redis", str(error)) from error
        statuses = [msgspec.json.decode(value, type=ChannelStatus) for value in rows.values()]
        return tuple(sorted(statuses, key=lambda s: s.channel))
