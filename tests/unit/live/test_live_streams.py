"""Live streams on the in-memory feed: what a stream receives, what it replays after `Last-Event-ID`, when it is
told to resync, heartbeats, the limits per customer and per process, and closing at shutdown."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import pytest

from adapters.memory.live_events import InMemoryLiveEvents
from application.errors import UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.live.errors import TooManyStreamsError
from application.live.hub import LiveHub
from application.live.policy import LivePolicy
from application.live.watch import HEARTBEAT, RESYNC, LiveMessage, WatchLive, about_order

HANAKO, KENJI = "001RO0000000001YAA", "001RO0000000002YAA"


def customer(account: str) -> LinkedCustomer:
    return LinkedCustomer(user_id=uuid.uuid4(), whmcs_client_id=1, sf_account_id=account, sf_contact_id=None)


class Live:
    def __init__(self, **policy: object) -> None:
        self.policy = LivePolicy(**{"heartbeat_seconds": 5.0, **policy})  # type: ignore[arg-type]
        self.feed = InMemoryLiveEvents(window=self.policy.replay_events)
        self.hub = LiveHub(self.feed, self.policy)
        self.watch = WatchLive(self.hub, self.feed, self.policy)

    async def open(
        self, account: str = HANAKO, last: str | None = None, order: str | None = None
    ) -> AsyncIterator[LiveMessage]:
        if order is None:
            return await self.watch.open(customer(account), last)
        return await self.watch.open(customer(account), last, about_order(order))


@pytest.fixture
async def live() -> AsyncIterator[Live]:
    world = Live()
    yield world
    await world.hub.close()


async def take(stream: AsyncIterator[LiveMessage], count: int) -> list[LiveMessage]:
    return [await asyncio.wait_for(anext(stream), 2) for _ in range(count)]


async def test_a_stream_gets_its_own_accounts_events_in_order_and_no_one_elses(live: Live) -> None:
    stream = await live.open()
    await live.feed.publish(KENJI, "order.updated", {"orderId": "801K"})
    ids = [await live.feed.publish(HANAKO, "order.updated", {"orderId": f"801{n}"}) for n in range(3)]
    got = await take(stream, 3)
    assert [(m.type, m.id, m.data["orderId"]) for m in got] == [
        ("order.updated", i, f"801{n}") for n, i in enumerate(ids)
    ]


async def test_an_order_stream_gets_only_that_orders_updates(live: Live) -> None:
    order = "801RO00000000AAYAA"
    stream = await live.open(order=order[:15])
    await live.feed.publish(HANAKO, "order.updated", {"orderId": "801RO00000000BBYAA"})
    await live.feed.publish(HANAKO, "notification.created", {"kind": "order.approved", "sourceId": order})
    wanted = await live.feed.publish(HANAKO, "order.updated", {"orderId": order})
    assert [m.id for m in await take(stream, 1)] == [wanted]


async def test_reconnecting_with_the_last_event_id_replays_exactly_what_was_missed(live: Live) -> None:
    first = await live.feed.publish(HANAKO, "order.updated", {"orderId": "1"})
    missed = [await live.feed.publish(HANAKO, "order.updated", {"orderId": str(n)}) for n in range(2, 5)]
    stream = await live.open(last=first)
    later = await live.feed.publish(HANAKO, "order.updated", {"orderId": "5"})
    assert [m.id for m in await take(stream, 4)] == [*missed, later]  # nothing twice, nothing lost


async def test_an_id_older_than_the_window_or_unknown_is_answered_with_resync_and_the_head() -> None:
    live = Live(replay_events=3)
    try:
        oldest = await live.feed.publish(HANAKO, "order.updated", {"orderId": "0"})
        ids = [await live.feed.publish(HANAKO, "order.updated", {"orderId": str(n)}) for n in range(1, 5)]
        stream = await live.open(last=oldest)  # trimmed: events after it may be gone
        assert [(m.type, m.id) for m in await take(stream, 1)] == [(RESYNC, ids[-1])]
        stream = await live.open(last="garbage")
        assert [m.type for m in await take(stream, 1)] == [RESYNC]
        stream = await live.open(last=ids[-3])  # the oldest kept: complete
        assert [m.id for m in await take(stream, 2)] == ids[-2:]
    finally:
        await live.hub.close()


async def test_an_idle_stream_gets_heartbeats() -> None:
    live = Live(heartbeat_seconds=0.05)
    try:
        stream = await live.open()
        assert [m.type for m in await take(stream, 2)] == [HEARTBEAT, HEARTBEAT]
    finally:
        await live.hub.close()


async def test_streams_are_limited_per_customer_and_per_process_and_released_when_they_end() -> None:
    live = Live(streams_per_customer=2, streams_per_process=3)
    try:
        hanakos = [await live.open(), await live.open()]
        with pytest.raises(TooManyStreamsError):
            await live.open()
        kenjis = await live.open(KENJI)
        with pytest.raises(TooManyStreamsError):  # the process is full, whoever asks
            await live.open("001RO0000000003YAA")
        await live.feed.publish(HANAKO, "order.updated", {"orderId": "1"})
        await take(hanakos[0], 1)
        await hanakos[0].aclose()  # the client went away
        assert live.hub.open_streams == 2
        await live.open()
        await kenjis.aclose()
    finally:
        await live.hub.close()


async def test_closing_the_hub_ends_every_stream_and_refuses_new_ones(live: Live) -> None:
    streams = [await live.open(), await live.open(KENJI)]
    await live.hub.close()
    for stream in streams:
        with pytest.raises(StopAsyncIteration):
            await asyncio.wait_for(anext(stream), 1)
    assert live.hub.open_streams == 0
    with pytest.raises(UpstreamUnavailableError):
        await live.open()


async def test_a_slow_client_catches_up_from_the_window_instead_of_growing_a_queue() -> None:
    live = Live(queue_size=2)
    try:
        stream = await live.open()
        await live.feed.publish(HANAKO, "order.updated", {"orderId": "0"})
        first = (await take(stream, 1))[0].id
        ids = [await live.feed.publish(HANAKO, "order.updated", {"orderId": str(n)}) for n in range(1, 8)]
        assert first is not None
        assert [m.id for m in await take(stream, 7)] == ids
    finally:
        await live.hub.close()
