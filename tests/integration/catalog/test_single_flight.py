"""Cold keys are filled once across every process; a store outage degrades to bounded live reads."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.redis.client import create_redis
from adapters.redis.config import RedisConfig
from adapters.redis.read_model_store import RedisReadModelStore
from application.errors import UpstreamUnavailableError
from application.read_models.live_gate import LiveReadGate
from application.read_models.versioned import VersionedReadModel
from tests.integration.catalog.stores import CATALOG_REDIS_URL

pytestmark = pytest.mark.integration


class SlowSource:
    def __init__(self, delay: float = 0.05) -> None:
        self.calls = 0
        self.in_flight = 0
        self.most_in_flight = 0
        self.delay = delay
        self.version = 1

    async def load(self) -> bytes:
        self.calls += 1
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            seen = self.version  # what the system of record said when asked
            await asyncio.sleep(self.delay)
            return f"v{seen}".encode()
        finally:
            self.in_flight -= 1


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    # The production client (a bounded pool), with timeouts a busy test machine cannot trip: 1,000 commands queue
    # for 64 connections here, and a command timing out would be a (correct) live read, not the single flight.
    config = RedisConfig(url=CATALOG_REDIS_URL, socket_timeout_seconds=5.0, connect_timeout_seconds=5.0)
    client = create_redis(config)
    yield client
    await client.aclose()


def workers(store: RedisReadModelStore | InMemoryReadModelStore, family: str, count: int) -> list[VersionedReadModel]:
    """Separate read models share nothing but the store: like API processes."""
    return [
        VersionedReadModel(store, family, gate=LiveReadGate("crm", limit=2, wait_seconds=5), ttl_seconds=60)
        for _ in range(count)
    ]


async def test_a_thousand_concurrent_reads_of_a_cold_key_cause_one_load(redis: Redis) -> None:
    family, source = f"sf-{uuid.uuid4().hex}", SlowSource()
    processes = workers(RedisReadModelStore(redis), family, 4)
    results = await asyncio.gather(*(processes[i % 4].get("doc", source.load) for i in range(1000)))
    assert source.calls == 1
    assert {r.value for r in results} == {b"v1"}
    assert sum(p.stats.fills for p in processes) == 1
    assert sum(p.stats.store_errors for p in processes) == 0


async def test_an_invalidation_during_the_load_keeps_the_late_value_out(redis: Redis) -> None:
    store, family, source = RedisReadModelStore(redis), f"sf-{uuid.uuid4().hex}", SlowSource(delay=0.2)
    [process] = workers(store, family, 1)
    reading = asyncio.create_task(process.get("doc", source.load))
    await asyncio.sleep(0.05)  # the load has started and read version 1
    source.version = 2
    await store.invalidate(family, "doc", once_for=f"{family}: the change to v2")
    assert (await reading).value == b"v1"  # this request may see what it loaded
    assert process.stats.refused_fills == 1
    assert (await store.read(family, "doc")).value is None  # but nobody after it
    assert (await process.get("doc", source.load)).value == b"v2"


async def test_with_the_store_down_reads_go_live_single_flighted_and_bounded() -> None:
    store, source = InMemoryReadModelStore(), SlowSource()
    store.fail_with = "redis down"
    [process] = workers(store, "catalog", 1)
    results = await asyncio.gather(*(process.get("doc", source.load) for _ in range(200)))
    assert {r.value for r in results} == {b"v1"}
    assert {r.version for r in results} == {None}
    assert source.calls == 1  # single flight in the process
    results = await asyncio.gather(*(process.get(f"account-{i}", source.load) for i in range(20)))
    assert source.most_in_flight <= 2  # the gate
    assert process.stats.live_reads == 21


async def test_a_failing_source_releases_the_lease_and_caches_nothing(redis: Redis) -> None:
    store, family = RedisReadModelStore(redis), f"sf-{uuid.uuid4().hex}"
    [first, second] = workers(store, family, 2)

    async def down() -> bytes:
        raise UpstreamUnavailableError("salesforce")

    with pytest.raises(UpstreamUnavailableError):
        await first.get("doc", down)
    source = SlowSource()
    assert (await asyncio.wait_for(second.get("doc", source.load), 1.0)).value == b"v1"  # no wait for a lease
    assert source.calls == 1
