"""Which Product2/PricebookEntry changes make the catalog stale, and that each does so once."""

from __future__ import annotations

from adapters.memory.clock import FrozenClock
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.catalog.catalog_changes import CatalogChangeHandler
from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.ports.change_stream import ChangeType, ResyncReason, ResyncRequired
from application.read_models.live_gate import LiveReadGate
from entrypoints.http.catalog.documents import PublicCatalogJson
from tests.unit.catalog.events import event, header
from tests.unit.catalog.world import catalog_source, demo_crm, entry


async def warm_handler() -> tuple[CatalogChangeHandler, InMemoryReadModelStore, CatalogReadModel, object]:
    data, _state = demo_crm()
    store = InMemoryReadModelStore(FrozenClock())
    gate = LiveReadGate("crm", limit=2, wait_seconds=1)
    catalog = CatalogReadModel(store, catalog_source(data), PublicCatalogJson(), gate, FrozenClock())
    await catalog.current()
    return CatalogChangeHandler(store, catalog), store, catalog, data


async def version(store: InMemoryReadModelStore) -> str:
    return (await store.read(FAMILY, ENTITY)).version.tag


async def test_a_price_change_of_a_portal_entry_invalidates_once_and_rewarms() -> None:
    handler, store, _, data = await warm_handler()
    plan = entry(data, "VPN-USA-SF")  # type: ignore[arg-type]
    change = event(header("PricebookEntry", plan.entry_id, ChangeType.UPDATE, "UnitPrice"))
    before = await version(store)
    await handler.handle(change)
    await handler.handle(change)  # redelivered
    assert await version(store) != before
    assert handler.invalidations == 1
    await handler.warmer.idle()
    assert (await store.read(FAMILY, ENTITY)).value is not None


async def test_unrelated_changes_leave_the_catalog_alone() -> None:
    handler, store, _, data = await warm_handler()
    plan = entry(data, "SIM-10GB-VOICE")  # type: ignore[arg-type]
    before = await version(store)
    unrelated = [
        header("PricebookEntry", "01uSTANDARD000001AAA", ChangeType.UPDATE, "UnitPrice"),  # another price book
        header("Product2", plan.product_id, ChangeType.UPDATE, "Description"),  # a field we do not show
        header("Product2", "01tNEWPRODUCT0001AAA", ChangeType.CREATE),  # no entry can point at it yet
    ]
    for head in unrelated:
        await handler.handle(event(head))
    await handler.handle(event(header("PricebookEntry", "01uOTHER", ChangeType.CREATE), {"Pricebook2Id": "01sX"}))
    assert await version(store) == before
    assert handler.ignored == 4


async def test_product_field_changes_deletions_undeletes_and_new_portal_entries_invalidate() -> None:
    handler, store, _, data = await warm_handler()
    plan = entry(data, "SIM-10GB-VOICE")  # type: ignore[arg-type]
    relevant = [
        event(header("Product2", plan.product_id, ChangeType.UPDATE, "Portal_Catalog__c")),
        event(header("PricebookEntry", plan.entry_id, ChangeType.DELETE)),
        event(header("Product2", "01tANYTHING", ChangeType.UNDELETE)),
        event(header("PricebookEntry", "01uNEW", ChangeType.CREATE), {"Pricebook2Id": plan.pricebook_id}),
    ]
    for change in relevant:
        before = await version(store)
        await handler.handle(change)
        assert await version(store) != before
        await handler.warmer.idle()


async def test_a_resync_always_invalidates() -> None:
    handler, store, _, _ = await warm_handler()
    before = await version(store)
    await handler.handle(ResyncRequired(channel=handler.channels[0], reason=ResyncReason.GAP))
    assert await version(store) != before
