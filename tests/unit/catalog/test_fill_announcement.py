"""A request that finds the catalog being rebuilt by another process (the consumer, another worker) is answered
when the store announces the fill, not on its next poll: that poll was most of the time every API worker took to
serve a catalog change (benchmarks/freshness_bench.py)."""

from __future__ import annotations

import asyncio

from adapters.memory.clock import FrozenClock
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.catalog.freshness import CatalogFreshness
from application.read_models.live_gate import LiveReadGate
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.catalog.world import catalog_source, demo_crm

STEPS = 50  # event-loop turns: enough for every in-memory call, far less than one poll (50 ms) would take


def catalog_on(store: InMemoryReadModelStore) -> CatalogReadModel:
    data, _ = demo_crm()
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    return CatalogReadModel(store, catalog_source(data), PublicCatalogJson(), gate, FrozenClock())


async def document_bytes() -> bytes:
    elsewhere = InMemoryReadModelStore(FrozenClock())
    await catalog_on(elsewhere).current()
    value = (await elsewhere.read(FAMILY, ENTITY)).value
    assert value is not None
    return value


async def turns(n: int = STEPS) -> None:
    for _ in range(n):
        await asyncio.sleep(0)


async def test_a_request_waiting_for_another_processs_fill_is_answered_when_the_fill_is_announced() -> None:
    store = InMemoryReadModelStore(FrozenClock())
    catalog = catalog_on(store)
    freshness = CatalogFreshness(store, catalog, verify_seconds=3600)
    freshness.start()
    try:
        await turns()
        version = (await store.read(FAMILY, ENTITY)).version
        assert await store.acquire_lease(FAMILY, ENTITY, version, "the consumer", 60_000)  # it is loading
        waiting = asyncio.create_task(catalog.current())
        await turns()
        assert not waiting.done()
        assert await store.fill(FAMILY, ENTITY, version, "the consumer", await document_bytes(), None)
        await turns()
        assert waiting.done(), "the waiting request slept through the fill's announcement"
        assert catalog.local_version == version
    finally:
        await freshness.stop()


async def test_without_an_announcement_the_poll_still_finds_the_fill() -> None:
    """An announcement may be lost (pub/sub is not durable): the waiter's poll remains the safety net."""
    store = InMemoryReadModelStore(FrozenClock())
    catalog = catalog_on(store)  # no CatalogFreshness: nobody hears the store
    version = (await store.read(FAMILY, ENTITY)).version
    assert await store.acquire_lease(FAMILY, ENTITY, version, "the consumer", 60_000)
    waiting = asyncio.create_task(catalog.current())
    await turns()
    assert await store.fill(FAMILY, ENTITY, version, "the consumer", await document_bytes(), None)
    await asyncio.wait_for(waiting, timeout=5)
    assert catalog.local_version == version
