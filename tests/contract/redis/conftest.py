"""The Redis adapters' contract suite runs each test against one Redis and against a real 3-master Redis Cluster
(started for the session on loopback, `tests.support.redis_cluster`), with the production client of each
(`create_redis`). A key rule broken anywhere — a script or transaction across hash tags — fails on the cluster
with a cross-slot error. Tests that can, also run the in-memory twin through the same assertions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.redis.client import RedisClient, create_redis, ready
from adapters.redis.config import RedisConfig
from tests.support.redis_cluster import SHARED
from tests.support.redis_server import redis_url

pytestmark = pytest.mark.integration
SINGLE_DB = 9
KINDS = ("single", "cluster")


async def connect(kind: str) -> RedisClient:
    """A fresh client on an empty Redis of that kind (each test runs on its own event loop)."""
    if kind == "cluster":
        servers = SHARED.servers()
        servers.flush()
        return await ready(create_redis(RedisConfig(url=servers.url, cluster=True, socket_timeout_seconds=2.0)))
    client = create_redis(RedisConfig(url=redis_url(SINGLE_DB), socket_timeout_seconds=2.0))
    await client.flushdb()
    return client


@pytest.fixture(params=KINDS)
async def redis(request: pytest.FixtureRequest) -> AsyncIterator[RedisClient]:
    client = await connect(request.param)
    try:
        yield client
    finally:
        await client.aclose()
