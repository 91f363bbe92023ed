"""The leased limiter never grants more than the limit, however many processes lease concurrently."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from adapters.redis.client import create_redis
from adapters.redis.config import RedisConfig
from adapters.redis.leased_rate_limiter import LeasedRateLimiter
from application.ports.rate_limiter import RateRule
from tests.integration.catalog.stores import CATALOG_REDIS_URL

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("limit", [5, 100, 1000])
async def test_processes_together_grant_at_most_the_limit_and_little_less(limit: int) -> None:
    redis = create_redis(RedisConfig(url=CATALOG_REDIS_URL))
    processes = [LeasedRateLimiter(redis) for _ in range(3)]
    rule = RateRule(name=f"test-{uuid.uuid4().hex}", limit=limit, per_seconds=3600)
    try:
        decisions = await asyncio.gather(*(processes[i % 3].hit(rule, "198.51.100.7") for i in range(limit * 3)))
        other = await processes[0].hit(rule, "203.0.113.9")
    finally:
        await redis.aclose()
    allowed = sum(d.allowed for d in decisions)
    lease = processes[0].lease_size(rule)
    assert limit - 3 * (lease - 1) <= allowed <= limit
    assert all(d.retry_after_seconds >= 1 for d in decisions if not d.allowed)
    assert other.allowed  # counters are per client
