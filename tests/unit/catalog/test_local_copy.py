"""This process's copy of the catalog: served without I/O only while the store vouches for its version."""

from __future__ import annotations

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.catalog import catalog_read_model
from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.ports.read_model_store import DocumentVersion
from application.read_models.live_gate import LiveReadGate
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.catalog.world import catalog_source, demo_crm

MAX_UNVERIFIED = 3.0


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def monotonic(monkeypatch: pytest.MonkeyPatch) -> Monotonic:
    fake = Monotonic()
    monkeypatch.setattr(catalog_read_model.time, "monotonic", fake)
    return fake


async def warm() -> tuple[CatalogReadModel, InMemoryReadModelStore]:
    data, _ = demo_crm()
    store = InMemoryReadModelStore(FrozenClock())
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    catalog = CatalogReadModel(
        store, catalog_source(data), PublicCatalogJson(), gate, FrozenClock(), max_unverified_seconds=MAX_UNVERIFIED
    )
    await catalog.current()
    return catalog, store


async def test_a_copy_whose_version_the_store_confirms_is_served_without_io(monotonic: Monotonic) -> None:
    catalog, store = await warm()
    stored = await store.read(FAMILY, ENTITY)
    assert catalog.local_version == stored.version
    monotonic.now += MAX_UNVERIFIED - 0.5
    catalog.verified(stored.version)
    monotonic.now += MAX_UNVERIFIED - 0.5
    assert catalog.verified_copy() is not None


async def test_a_copy_of_an_older_version_is_dropped_when_the_store_has_another(monotonic: Monotonic) -> None:
    catalog, store = await warm()
    old = catalog.local_version
    await store.invalidate(FAMILY, ENTITY)
    newer = (await store.read(FAMILY, ENTITY)).version
    assert newer != old

    catalog.verified(newer)

    assert catalog.verified_copy() is None
    assert catalog.local_version is None
    await catalog.current()
    assert catalog.local_version == newer


async def test_a_copy_not_verified_for_too_long_is_not_served(monotonic: Monotonic) -> None:
    catalog, _ = await warm()
    monotonic.now += MAX_UNVERIFIED
    assert catalog.verified_copy() is not None
    monotonic.now += 0.01
    assert catalog.verified_copy() is None


async def test_a_forgotten_copy_is_not_served() -> None:
    catalog, _ = await warm()
    catalog.forget()
    assert catalog.verified_copy() is None
    assert catalog.local_version is None


async def test_reading_again_at_the_same_version_keeps_serving_the_same_copy(monotonic: Monotonic) -> None:
    catalog, _ = await warm()
    first = catalog.verified_copy()
    monotonic.now += MAX_UNVERIFIED + 1
    again = await catalog.current()
    assert again is first
    assert catalog.verified_copy() is first


class RecordingStore(InMemoryReadModelStore):
    def __init__(self) -> None:
        super().__init__(FrozenClock())
        self.ttls: list[int | None] = []

    async def fill(
        self, family: str, entity: str, version: DocumentVersion, token: str, value: bytes, ttl_seconds: int | None
    ) -> bool:
        self.ttls.append(ttl_seconds)
        return await super().fill(family, entity, version, token, value, ttl_seconds)


async def test_the_stored_catalog_expires_after_the_safety_ttl_in_case_every_event_was_lost() -> None:
    data, _ = demo_crm()
    store = RecordingStore()
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    catalog = CatalogReadModel(store, catalog_source(data), PublicCatalogJson(), gate, FrozenClock(),
                               safety_ttl_seconds=4321)  # fmt: skip
    await catalog.current()
    assert store.ttls == [4321]


async def test_with_the_store_down_a_copy_loaded_directly_is_served_only_briefly(monotonic: Monotonic) -> None:
    data, _ = demo_crm()
    store = InMemoryReadModelStore(FrozenClock())
    store.fail_with = "Redis is down"
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    catalog = CatalogReadModel(store, catalog_source(data), PublicCatalogJson(), gate, FrozenClock(),
                               degraded_ttl_seconds=5.0)  # fmt: skip
    loaded = await catalog.current()
    assert catalog.local_version is None
    monotonic.now += 5.0
    assert catalog.verified_copy() is loaded
    monotonic.now += 0.01
    assert catalog.verified_copy() is None


async def test_every_answer_from_the_copy_counts_as_a_local_hit(monotonic: Monotonic) -> None:
    catalog, _ = await warm()
    before = catalog.stats.local_hits
    catalog.verified_copy()
    catalog.verified_copy()
    await catalog.current()
    assert catalog.stats.local_hits == before + 3


async def test_the_stored_document_reports_its_version_and_build() -> None:
    catalog, store = await warm()
    stored = await catalog.stored_document()
    version = (await store.read(FAMILY, ENTITY)).version.tag
    assert (stored.present, stored.version) == (True, version)
    assert stored.etags
    assert stored.built_at is not None
    assert stored.build_seconds is not None
    assert 0 <= stored.build_seconds < 60
    await store.invalidate(FAMILY, ENTITY)
    empty = await catalog.stored_document()
    assert (empty.present, empty.version) == (False, (await store.read(FAMILY, ENTITY)).version.tag)
    assert empty.version != version
