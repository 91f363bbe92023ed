"""The cache health reports whatever read models it is given, each in its own words, and survives a store outage."""

from __future__ import annotations

from adapters.memory.cdc_stores import InMemoryStreamStatusBoard
from adapters.memory.clock import FrozenClock
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.catalog.catalog_read_model import CatalogReadModel
from application.ports.read_model_store import StoreUnavailableError
from application.ports.stream_status import ChannelStatus
from application.read_models.health import GetCacheHealth
from application.read_models.live_gate import LiveReadGate
from application.read_models.stats import ReadModelStats
from application.read_models.status import StoredDocument
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.catalog.world import catalog_source, demo_crm


class PerAccountModel:
    def __init__(self, family: str) -> None:
        self.stats = ReadModelStats(family, hits=3, misses=1, fills=1, last_fill_seconds=0.25)

    async def stored_document(self) -> StoredDocument | None:
        return None


class DownModel(PerAccountModel):
    async def stored_document(self) -> StoredDocument | None:
        raise StoreUnavailableError()


async def catalog(clock: FrozenClock) -> CatalogReadModel:
    data, _ = demo_crm(clock)
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    return CatalogReadModel(InMemoryReadModelStore(clock), catalog_source(data), PublicCatalogJson(), gate, clock)


async def test_each_model_given_is_reported_in_order_the_single_document_one_with_its_stored_build() -> None:
    clock = FrozenClock()
    built = await catalog(clock)
    snapshot = await built.current()
    await built.current()  # this process's copy: a local hit
    board = InMemoryStreamStatusBoard()
    await board.report(ChannelStatus(channel="/data/X", holder="cdc-1", connected=True, updated_at=clock.now()))

    report = await GetCacheHealth([built, PerAccountModel("orders")], board, clock).execute()

    assert report.store_available is True
    first, orders = report.read_models
    assert (first.name, first.present, first.etags, first.last_rebuild_at) == (
        "catalog", True, snapshot.etags, snapshot.built_at
    )  # fmt: skip
    assert (first.misses, first.fills, first.local_hits) == (1, 1, 1)
    assert (orders.name, orders.present, orders.version, orders.hits) == ("orders", None, None, 3)
    assert orders.last_rebuild_seconds == 0.25  # no stored build: the duration of this process's last fill
    assert [(c.channel, c.connected, c.leader) for c in report.channels] == [("/data/X", True, "cdc-1")]


async def test_a_leader_that_stopped_reporting_shows_its_channel_disconnected() -> None:
    clock = FrozenClock()
    board = InMemoryStreamStatusBoard()
    await board.report(ChannelStatus(channel="/data/X", holder="cdc-1", connected=True, updated_at=clock.now()))
    clock.advance(11)
    [channel] = (await GetCacheHealth([], board, clock).execute()).channels
    assert (channel.connected, channel.leader) == (False, None)


async def test_with_the_store_down_every_model_still_reports_its_counters_and_nothing_stored() -> None:
    report = await GetCacheHealth(
        [DownModel("catalog"), PerAccountModel("orders")], InMemoryStreamStatusBoard(), FrozenClock()
    ).execute()
    assert report.store_available is False
    assert [(m.name, m.present, m.hits) for m in report.read_models] == [("catalog", None, 3), ("orders", None, 3)]
    assert report.channels == ()
