"""Readiness answers for one Redis and for a cluster alike."""

from __future__ import annotations

from adapters.redis.client import RedisClient
from adapters.redis.readiness import RedisReadiness

COVERS = (RedisReadiness,)


async def test_a_reachable_redis_is_ready(redis: RedisClient) -> None:
    result = await RedisReadiness(redis).check()
    assert (result.name, result.ok) == ("redis", True)
