"""The shared cache (with an operator's purge), webhook receipts and the public catalog's
leased rate limiter, on Redis and Redis Cluster (and the twins where there are)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from adapters.memory.cache import InMemoryCache
from adapters.memory.webhook_receipts import InMemoryWebhookReceipts
from adapters.redis.cache import RedisCache
from adapters.redis.client import RedisClient
from adapters.redis.leased_rate_limiter import LeasedRateLimiter
from adapters.redis.webhook_receipts import RedisWebhookReceipts
from adapters.system_clock import SystemClock
from application.ports.rate_limiter import RateRule
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisCache, RedisWebhookReceipts, LeasedRateLimiter)


@dataclass
class Stores:
    cache: RedisCache | InMemoryCache
    receipts: RedisWebhookReceipts | InMemoryWebhookReceipts


@pytest.fixture(params=(*KINDS, "twin"))
async def stores(request: pytest.FixtureRequest) -> AsyncIterator[Stores]:
    if request.param == "twin":
        clock = SystemClock()
        yield Stores(InMemoryCache(clock), InMemoryWebhookReceipts(clock))
        return
    redis = await connect(request.param)
    try:
        yield Stores(RedisCache(redis), RedisWebhookReceipts(redis))
    finally:
        await redis.aclose()


async def test_entries_are_set_read_and_deleted_several_at_once(stores: Stores) -> None:
    for key in ("acct:001A:billing:profile", "acct:001A:billing:pay-methods", "billing:gateways"):
        await stores.cache.set(key, key.encode(), ttl_seconds=60)
    assert await stores.cache.get("billing:gateways") == b"billing:gateways"
    await stores.cache.delete("acct:001A:billing:profile", "billing:gateways", "never-there")
    assert await stores.cache.get("acct:001A:billing:profile") is None
    assert await stores.cache.get("acct:001A:billing:pay-methods") == b"acct:001A:billing:pay-methods"


async def test_several_entries_are_read_at_once_in_order_across_slots(stores: Stores) -> None:
    """One request reads independent entries in one round trip; on a cluster they live in different slots."""
    names = [f"acct:001A:billing:{n}" for n in ("profile", "subscriptions", "never-there", "pay-methods")]
    for key in names:
        if key != names[2]:
            await stores.cache.set(key, key.encode(), ttl_seconds=60)
    assert await stores.cache.get_many(*names) == [names[0].encode(), names[1].encode(), None, names[3].encode()]


async def test_a_purge_removes_every_entry_under_a_prefix_and_nothing_else(stores: Stores) -> None:
    mine = [f"acct:001A:billing:invoice:{i}" for i in range(1200)] + ["acct:001A:catalog:service-presence"]
    others = ["acct:001AB:billing:profile", "acct:001B:billing:profile", "billing:gateways", "xacct:001A:"]
    for key in [*mine, *others]:
        await stores.cache.set(key, b"x", ttl_seconds=60)
    assert await stores.cache.purge("acct:001A:") == len(mine)
    assert [await stores.cache.get(k) for k in mine[::100]] == [None] * 13
    assert [await stores.cache.get(k) for k in others] == [b"x"] * len(others)
    assert await stores.cache.purge("acct:001A:") == 0  # a second run finds nothing: safe to repeat


async def test_a_purge_spares_the_keys_it_is_told_to_keep(stores: Stores) -> None:
    for key in ("acct:001A:billing:invalidated-at", "acct:001A:billing:profile"):
        await stores.cache.set(key, b"x", ttl_seconds=60)
    assert await stores.cache.purge("acct:001A:", keep=("acct:001A:billing:invalidated-at",)) == 1
    assert await stores.cache.get("acct:001A:billing:invalidated-at") == b"x"


async def test_a_prefix_with_pattern_characters_matches_only_itself(stores: Stores) -> None:
    await stores.cache.set("acct:[1]*:x", b"x", ttl_seconds=60)
    await stores.cache.set("acct:1a:x", b"x", ttl_seconds=60)
    assert await stores.cache.purge("acct:[1]*") == 1
    assert await stores.cache.get("acct:1a:x") == b"x"


async def test_a_delivery_is_first_once_and_again_after_it_was_forgotten(stores: Stores) -> None:
    assert await stores.receipts.first_time("whmcs", "msg_1", ttl_seconds=60)
    assert not await stores.receipts.first_time("whmcs", "msg_1", ttl_seconds=60)
    assert await stores.receipts.first_time("whmcs", "msg_2", ttl_seconds=60)
    await stores.receipts.forget("whmcs", "msg_1")
    assert await stores.receipts.first_time("whmcs", "msg_1", ttl_seconds=60)


async def test_processes_leasing_from_one_counter_never_grant_more_than_the_limit(redis: RedisClient) -> None:
    rule = RateRule(name="public-catalog", limit=300, per_seconds=60)
    processes = [LeasedRateLimiter(redis) for _ in range(4)]
    decisions = await asyncio.gather(*(processes[i % 4].hit(rule, "203.0.113.9") for i in range(400)))
    assert 300 - 4 * (processes[0].lease_size(rule) - 1) <= sum(d.allowed for d in decisions) <= 300
    assert (await processes[0].hit(rule, "203.0.113.10")).allowed
