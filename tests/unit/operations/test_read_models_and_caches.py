"""Forced resyncs rebuild from the system of record now; an account purge drops its billing caches (every TTL
entry under its scope, fenced against fills in flight) and its read models; both are safe to repeat."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import msgspec
import pytest

from adapters.memory.cache import InMemoryCache
from adapters.memory.crm_accounts import InMemoryEligibilityRecords
from application.billing.cache_keys import BillingKeys
from application.billing.cached_reads import CachedReads
from application.catalog.catalog_read_model import CatalogReadModel
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.errors import InvalidInputError
from application.identity.linked_customer import cache_scope_of
from application.operations.purge_account import PurgeAccountCaches
from application.operations.resync_read_models import ResyncAccountReadModel, ResyncCatalog
from application.read_models.live_gate import LiveReadGate
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.operations.audit import admin_lines
from tests.unit.orders.world import OrdersWorld

HANAKO, OTHER = "SH-100001", "SH-100005"


class Parts:
    def __init__(self, world: OrdersWorld) -> None:
        gate = LiveReadGate("crm", limit=4, wait_seconds=1)
        self.world = world
        self.catalog = CatalogReadModel(world.store, world.catalog, PublicCatalogJson(), gate, world.clock)
        self.eligibility = EligibilityReadModel(world.store, InMemoryEligibilityRecords(world.crm), gate)
        self.cache = InMemoryCache(world.clock)
        self.reads = CachedReads(self.cache, world.clock)

    def account(self, number: str) -> str:
        return self.world.ids.accounts[number]

    def resync_account(self) -> ResyncAccountReadModel:
        return ResyncAccountReadModel(self.world.store, self.eligibility, self.world.read_model)

    def purge(self) -> PurgeAccountCaches:
        return PurgeAccountCaches(self.reads, self.cache, self.eligibility, self.world.read_model)


@pytest.fixture
def parts() -> Parts:
    return Parts(OrdersWorld())


async def test_a_catalog_resync_rebuilds_from_the_crm_at_a_new_version(parts: Parts) -> None:
    before = await parts.catalog.current()
    version = (await parts.world.store.read("catalog", "portal")).version
    entry = next(iter(parts.world.crm.entries))
    parts.world.crm.entries[entry] = msgspec.structs.replace(parts.world.crm.entries[entry], unit_price=Decimal(99_999))

    first = await ResyncCatalog(parts.world.store, parts.catalog).execute()
    second = await ResyncCatalog(parts.world.store, parts.catalog).execute()

    assert first.version != version.tag
    assert second.version != first.version
    stored = await parts.world.store.read("catalog", "portal")
    assert stored.value is not None
    assert (await parts.catalog.current()).etags != before.etags


async def test_an_accounts_eligibility_is_rebuilt_and_other_accounts_untouched(
    parts: Parts, caplog: pytest.LogCaptureFixture
) -> None:
    hanako, other = parts.account(HANAKO), parts.account(OTHER)
    await parts.eligibility.get(hanako)
    await parts.eligibility.get(other)
    other_version = (await parts.world.store.read("eligibility", other)).version
    parts.world.crm.eligibility[hanako] = msgspec.structs.replace(
        parts.world.crm.eligibility[hanako], status="Not Eligible"
    )
    assert (await parts.eligibility.get(hanako)).status != "Not Eligible"  # the read model holds the old answer

    caplog.set_level("INFO", logger="portal.admin")
    result = await parts.resync_account().execute("eligibility", hanako)

    assert result.summary == "eligibility Not Eligible"
    assert (await parts.eligibility.get(hanako)).status == "Not Eligible"
    assert (await parts.world.store.read("eligibility", other)).version == other_version
    assert [(x["action"], x["model"], x["entity"]) for x in admin_lines(caplog)] == [
        ("read_models.resync", "eligibility", hanako)
    ]


async def test_an_accounts_orders_are_rebuilt(parts: Parts) -> None:
    result = await parts.resync_account().execute("orders", parts.account(HANAKO))
    assert result.summary.endswith(" orders")
    assert (await parts.world.store.read("orders", parts.account(HANAKO))).value is not None


async def test_an_account_is_named_by_a_salesforce_id(parts: Parts) -> None:
    with pytest.raises(InvalidInputError):
        await parts.resync_account().execute("orders", "hanako")
    with pytest.raises(InvalidInputError):
        await parts.purge().execute("001; DROP")


async def test_a_purge_drops_the_accounts_caches_and_read_models_and_nothing_of_others(
    parts: Parts, caplog: pytest.LogCaptureFixture
) -> None:
    hanako, other = parts.account(HANAKO), parts.account(OTHER)
    for account in (hanako, other):
        keys = BillingKeys(cache_scope_of(account))
        for slot in (keys.profile, keys.pay_methods, keys.invoice(7), keys.invoice(8)):
            await parts.reads.read(slot, str, lambda: _value("cached"))
        await parts.eligibility.get(account)
        await parts.world.read_model.orders_of(account)

    caplog.set_level("INFO", logger="portal.admin")
    first = await parts.purge().execute(hanako)
    second = await parts.purge().execute(hanako)

    assert (first.cache_entries, second.cache_entries) == (4, 0)
    assert [k for k in parts.cache.live_keys() if k.startswith(cache_scope_of(hanako))] == [
        BillingKeys(cache_scope_of(hanako)).fence
    ]
    assert len([k for k in parts.cache.live_keys() if k.startswith(cache_scope_of(other))]) == 4
    for family in ("eligibility", "orders"):
        assert (await parts.world.store.read(family, hanako)).value is None
        assert (await parts.world.store.read(family, other)).value is not None
    assert [(x["action"], x["account"], x["cache_entries"]) for x in admin_lines(caplog)] == [
        ("cache.purge", hanako, 4),
        ("cache.purge", hanako, 0),
    ]


async def test_a_billing_read_in_flight_during_a_purge_does_not_store_its_answer_after_it(parts: Parts) -> None:
    hanako = parts.account(HANAKO)
    slot = BillingKeys(cache_scope_of(hanako)).profile
    loading, release = asyncio.Event(), asyncio.Event()

    async def slow_load() -> str:
        loading.set()
        await release.wait()
        return "loaded before the purge"

    fence = BillingKeys(cache_scope_of(hanako)).fence
    reading = asyncio.create_task(parts.reads.read(slot, str, slow_load, fence=fence))
    await loading.wait()
    await parts.purge().execute(hanako)
    release.set()
    assert await reading == "loaded before the purge"  # that request may see it
    assert await parts.cache.get(slot.key) is None  # nobody after it


async def _value(text: str) -> str:
    return text
