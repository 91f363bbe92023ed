"""`/event/Account_Eligibility_Update__e` makes exactly that account's eligibility stale, once per event."""

from __future__ import annotations

from datetime import UTC, datetime

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_accounts import InMemoryEligibilityRecords
from adapters.memory.live_events import InMemoryLiveEvents
from adapters.memory.notifications import InMemoryNotifications
from adapters.memory.read_model_store import InMemoryReadModelStore
from application.cdc.channels import ELIGIBILITY as ELIGIBILITY_CHANNEL
from application.eligibility.eligibility_changes import EligibilityChangeHandler
from application.eligibility.eligibility_read_model import FAMILY, EligibilityReadModel
from application.ports.change_stream import PlatformEvent, ResyncReason, ResyncRequired
from application.read_models.live_gate import LiveReadGate
from tests.unit.catalog.world import demo_crm

Warmed = tuple[EligibilityChangeHandler, InMemoryReadModelStore, list[str]]


def platform_event(account_id: str, event_uuid: str = "e-1") -> PlatformEvent:
    return PlatformEvent(
        channel=ELIGIBILITY_CHANNEL, replay_id=7, created_date=datetime(2026, 11, 1, tzinfo=UTC),
        created_by_id="005X", event_uuid=event_uuid, fields={"Account_Id__c": account_id},
    )  # fmt: skip


async def warmed(notifications: InMemoryNotifications | None = None) -> Warmed:
    data, state = demo_crm()
    store = InMemoryReadModelStore(FrozenClock())
    records = InMemoryEligibilityRecords(data)
    model = EligibilityReadModel(store, records, LiveReadGate("crm", limit=2, wait_seconds=1))
    accounts = [state.seed_ids.accounts[number] for number in ("SH-100001", "SH-100005")]
    for account in accounts:
        await model.get(account)
    notifications = notifications or InMemoryNotifications(FrozenClock())
    handler = EligibilityChangeHandler(model, records, notifications, InMemoryLiveEvents())
    return handler, store, accounts


async def present(store: InMemoryReadModelStore, account: str) -> bool:
    return (await store.read(FAMILY, account)).value is not None


async def test_the_event_invalidates_that_account_only_and_only_once() -> None:
    handler, store, (hanako, mei) = await warmed()
    await handler.handle(platform_event(mei[:15]))  # a 15-character id names the same account
    await handler.handle(platform_event(mei[:15]))  # redelivered
    assert not await present(store, mei)
    assert await present(store, hanako)
    assert handler.invalidations == 1


async def test_a_resync_or_an_unreadable_event_invalidates_every_account() -> None:
    handler, store, accounts = await warmed()
    await handler.handle(platform_event("not an id"))
    assert not any([await present(store, a) for a in accounts])
    handler, store, accounts = await warmed()
    await handler.handle(ResyncRequired(channel=ELIGIBILITY_CHANNEL, reason=ResyncReason.REPLAY_ID_INVALID))
    assert not any([await present(store, a) for a in accounts])


async def test_a_decision_is_notified_once_per_decision_whatever_the_events() -> None:
    """Keyed by the decision (its status and time), not the event: a second event about it notifies nothing."""
    notifications = InMemoryNotifications(FrozenClock())
    handler, _, (hanako, mei) = await warmed(notifications)
    await handler.handle(platform_event(mei[:15]))
    await handler.handle(platform_event(mei[:15]))  # redelivered
    await handler.handle(platform_event(mei, event_uuid="e-2"))  # published again, same decision
    await handler.handle(platform_event(hanako, event_uuid="e-3"))
    theirs = [(await notifications.page(a, before=None, limit=9)).items for a in (mei, hanako)]
    assert [[n.kind.value for n in items] for items in theirs] == [["eligibility.decided"], ["eligibility.decided"]]
    assert "not available" in theirs[0][0].title
    assert "Home 1G" in theirs[1][0].body
