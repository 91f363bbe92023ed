"""The recorder every notifier is given: a new notification is announced once to the customer's live streams; a
duplicate is not; the feed being down never loses the stored notification."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.memory.clock import FrozenClock
from adapters.memory.live_events import InMemoryLiveEvents
from adapters.memory.notifications import InMemoryNotifications
from application.notifications.notify import NotifyCustomer
from application.ports.live_events import LiveEventsUnavailableError
from application.ports.notifications import NotificationDraft, NotificationKind

HANAKO = "001RO0000000001YAA"
DRAFT = NotificationDraft(
    sf_account_id=HANAKO, kind=NotificationKind.ORDER_ACTIVATED, source_id="801A", title="t", body=""
)


class DownFeed:
    async def publish(self, sf_account_id: str, event_type: str, data: Mapping[str, str]) -> str:
        raise LiveEventsUnavailableError("ConnectionError")


async def test_a_new_notification_is_announced_once() -> None:
    feed = InMemoryLiveEvents()
    before = await feed.publish(HANAKO, "order.updated", {"orderId": "801A"})
    notify = NotifyCustomer(InMemoryNotifications(FrozenClock()), feed)
    assert await notify.record(DRAFT)
    assert not await notify.record(DRAFT)
    replay = await feed.since(HANAKO, before)
    assert [(e.type, dict(e.data)) for e in replay.events] == [
        ("notification.created", {"kind": "order.activated", "sourceId": "801A"})
    ]


async def test_the_feed_down_never_loses_the_notification() -> None:
    store = InMemoryNotifications(FrozenClock())
    assert await NotifyCustomer(store, DownFeed()).record(DRAFT)
    assert await store.unread_count(HANAKO) == 1
