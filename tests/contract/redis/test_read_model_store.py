"""The versioned read-model store on Redis, Redis Cluster and its twin; change notices across a cluster's nodes.

Every script keeps to one hash tag (an entity's shard), so the same calls work on a cluster; a family spread over
shards on different nodes is still invalidated at once, and a notice published by any node's script reaches a
subscriber connected to any node.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator

import pytest
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import RedisClusterException

from adapters.memory.read_model_store import InMemoryReadModelStore
from adapters.redis import keys
from adapters.redis.read_model_scripts import READ
from adapters.redis.read_model_store import RedisReadModelStore
from application.ports.read_model_store import ReadModelChange, ReadModelStore
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisReadModelStore,)
ENTITIES = [f"001ACCOUNT{i:05d}" for i in range(12)]


@pytest.fixture(params=(*KINDS, "twin"))
async def store(request: pytest.FixtureRequest) -> AsyncIterator[ReadModelStore]:
    if request.param == "twin":
        yield InMemoryReadModelStore()
        return
    redis = await connect(request.param)
    try:
        yield RedisReadModelStore(redis)
    finally:
        await redis.aclose()


async def fill(store: ReadModelStore, family: str, entity: str, value: bytes) -> bool:
    version = (await store.read(family, entity)).version
    token = uuid.uuid4().hex
    return await store.acquire_lease(family, entity, version, token, 10_000) and await store.fill(
        family, entity, version, token, value, 600
    )


async def test_a_fill_under_a_lease_is_read_back_until_the_entity_is_invalidated(store: ReadModelStore) -> None:
    assert (await store.read("orders", "001A")).value is None
    assert await fill(store, "orders", "001A", b"v1")
    assert (await store.read("orders", "001A")).value == b"v1"
    assert await store.invalidate("orders", "001A")
    assert (await store.read("orders", "001A")).value is None


async def test_one_lease_per_version_and_none_for_a_filled_one(store: ReadModelStore) -> None:
    version = (await store.read("eligibility", "001B")).version
    assert await store.acquire_lease("eligibility", "001B", version, "first", 10_000)
    assert not await store.acquire_lease("eligibility", "001B", version, "second", 10_000)
    assert not await store.fill("eligibility", "001B", version, "second", b"x", 600)
    assert await store.fill("eligibility", "001B", version, "first", b"x", 600)
    assert not await store.acquire_lease("eligibility", "001B", version, "third", 10_000)


async def test_a_fill_that_loaded_before_an_invalidation_is_refused(store: ReadModelStore) -> None:
    version = (await store.read("orders", "001C")).version
    assert await store.acquire_lease("orders", "001C", version, "slow", 10_000)
    await store.invalidate("orders", "001C")
    assert not await store.fill("orders", "001C", version, "slow", b"old", 600)
    assert (await store.read("orders", "001C")).value is None


async def test_a_fill_tagged_with_an_older_version_is_refused_even_under_its_lease(store: ReadModelStore) -> None:
    """A family invalidation moves every entity to a new version without touching their leases: the fill's own
    version tag, checked against the current one, is what keeps the old load out."""
    old = (await store.read("catalog", "portal")).version
    assert await store.acquire_lease("catalog", "portal", old, "slow", 10_000)
    await store.invalidate_family("catalog")
    assert (await store.read("catalog", "portal")).version != old

    assert not await store.fill("catalog", "portal", old, "slow", b"old", 600)
    assert (await store.read("catalog", "portal")).value is None
    assert await fill(store, "catalog", "portal", b"new")
    assert (await store.read("catalog", "portal")).value == b"new"


async def test_an_event_invalidates_an_entity_once_however_often_it_comes(store: ReadModelStore) -> None:
    assert await store.invalidate("orders", "001D", once_for="tx-1:1:801")
    assert await fill(store, "orders", "001D", b"after")
    assert not await store.invalidate("orders", "001D", once_for="tx-1:1:801")
    assert (await store.read("orders", "001D")).value == b"after"
    assert await store.invalidate("orders", "001E", once_for="tx-1:1:801")  # the same event, another entity


async def test_a_family_invalidation_reaches_every_entity_on_every_shard(store: ReadModelStore) -> None:
    for entity in ENTITIES:
        assert await fill(store, "eligibility", entity, entity.encode())
    assert await fill(store, "orders", ENTITIES[0], b"another family")
    await store.invalidate_family("eligibility")
    assert [(await store.read("eligibility", e)).value for e in ENTITIES] == [None] * len(ENTITIES)
    assert (await store.read("orders", ENTITIES[0])).value == b"another family"
    assert await fill(store, "eligibility", ENTITIES[3], b"rebuilt")
    assert (await store.read("eligibility", ENTITIES[3])).value == b"rebuilt"


def test_the_entities_of_a_family_spread_over_several_shards() -> None:
    shards = {keys.read_model_epoch("eligibility", e) for e in ENTITIES}
    assert len(shards) >= 6


async def next_changes(feed: AsyncIterator[ReadModelChange], count: int) -> list[ReadModelChange]:
    return [await asyncio.wait_for(anext(feed), 5) for _ in range(count)]


async def test_every_invalidation_and_fill_is_announced(store: ReadModelStore) -> None:
    feed = aiter(store.changes())
    listening = asyncio.ensure_future(anext(feed))
    await asyncio.sleep(0.2)  # subscribed: a notice is best effort, published only to those listening
    await store.invalidate("orders", "001F")
    first = await asyncio.wait_for(listening, 5)
    assert (first.family, first.entity) == ("orders", "001F")
    await fill(store, "orders", "001F", b"x")
    await store.invalidate_family("orders")
    # Notices published on different cluster nodes may arrive in either order: only single-node order is promised.
    filled, family = sorted(await next_changes(feed, 2), key=lambda change: change.entity is None)
    assert (filled.family, filled.entity, filled.version) == ("orders", "001F", first.version)
    assert (family.family, family.entity) == ("orders", None)
    await feed.aclose()  # type: ignore[attr-defined]


async def test_on_a_cluster_notices_from_every_node_reach_a_subscriber_on_every_node() -> None:
    redis = await connect("cluster")
    assert isinstance(redis, RedisCluster)
    try:
        owners = {redis.get_node_from_key(keys.read_model_document("orders", e)).name for e in ENTITIES}
        assert len(owners) == 3  # the scripts run on all three masters
        listeners = [redis.pubsub(node=node, ignore_subscribe_messages=True) for node in redis.get_primaries()]
        async with contextlib.AsyncExitStack() as stack:
            for listener in listeners:
                await stack.enter_async_context(listener)
                await listener.subscribe(keys.READ_MODEL_CHANGES)
            store = RedisReadModelStore(redis)
            for entity in ENTITIES:
                await store.invalidate("orders", entity)
            for listener in listeners:
                assert sorted(await received(listener, len(ENTITIES))) == sorted(f"orders|{e}" for e in ENTITIES)
    finally:
        await redis.aclose()


async def received(listener: object, count: int) -> list[str]:
    seen: list[str] = []
    async with asyncio.timeout(5):
        while len(seen) < count:
            message = await listener.get_message(timeout=1.0)  # type: ignore[attr-defined]
            if message is not None:
                seen.append(keys.as_text(message["data"]).rsplit("|", 1)[0])
    return seen


async def test_on_a_cluster_a_script_across_shards_is_refused_so_the_key_rule_is_what_makes_it_work() -> None:
    """The control: the store's own script, given keys of two shards, fails on a cluster."""
    redis = await connect("cluster")
    try:
        script = redis.register_script(READ)
        mixed = [
            keys.read_model_epoch("orders", ENTITIES[0]),
            *(keys.read_model_generation("orders", ENTITIES[1]), keys.read_model_lease("orders", ENTITIES[1])),
            keys.read_model_document("orders", ENTITIES[1]),
        ]
        assert keys.read_model_epoch("orders", ENTITIES[0]) != keys.read_model_epoch("orders", ENTITIES[1])
        with pytest.raises(RedisClusterException, match=r"same key slot"):
            await script(keys=mixed)
    finally:
        await redis.aclose()
