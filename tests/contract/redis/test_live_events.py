"""The live-event feed on Redis, Redis Cluster and its twin: ids increase per account, the window keeps the newest
events, a replay after an id is exact or says it is incomplete, and every listener hears every account's event
once, after saying it is subscribed."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from adapters.memory.live_events import InMemoryLiveEvents
from adapters.redis.live_events import RedisLiveEvents
from application.live.policy import LivePolicy
from application.ports.live_events import LiveEvent, event_order
from tests.contract.redis.conftest import KINDS, connect

COVERS = (RedisLiveEvents,)
HANAKO, KENJI = "001RO0000000001YAA", "001RO0000000002YAA"
Feed = RedisLiveEvents | InMemoryLiveEvents


@pytest.fixture(params=[*KINDS, "memory"])
async def feed(request: pytest.FixtureRequest) -> AsyncIterator[Feed]:
    policy = LivePolicy(replay_events=5)
    if request.param == "memory":
        yield InMemoryLiveEvents(window=policy.replay_events)
        return
    redis = await connect(request.param)
    try:
        yield RedisLiveEvents(redis, policy)
    finally:
        await redis.aclose()


async def test_a_replay_after_an_id_is_exact_within_the_window_and_incomplete_beyond_it(feed: Feed) -> None:
    ids = [await feed.publish(HANAKO, "order.updated", {"orderId": f"801{n}"}) for n in range(8)]
    await feed.publish(KENJI, "order.updated", {"orderId": "801K"})
    assert [event_order(i) for i in ids] == sorted(event_order(i) for i in ids)
    assert len(set(ids)) == 8

    replay = await feed.since(HANAKO, ids[4])
    assert replay.complete
    assert [(e.id, e.type, dict(e.data)) for e in replay.events] == [
        (i, "order.updated", {"orderId": f"801{n}"}) for n, i in list(enumerate(ids))[5:]
    ]
    assert replay.head == ids[-1]
    assert (await feed.since(HANAKO, ids[3])).complete  # the oldest kept (window 5): nothing before it matters
    assert (await feed.since(HANAKO, ids[-1])).events == ()

    trimmed = await feed.since(HANAKO, ids[2])
    assert (trimmed.complete, trimmed.events, trimmed.head) == (False, (), ids[-1])
    assert not (await feed.since(HANAKO, "not-an-id")).complete
    assert not (await feed.since("001RO0000000009YAA", ids[-1])).complete  # nothing kept for that account


async def test_every_listener_hears_every_accounts_events_once_after_saying_it_is_subscribed(feed: Feed) -> None:
    heard: list[list[tuple[str, LiveEvent]]] = [[], []]
    ready = [asyncio.Event(), asyncio.Event()]

    async def listen(n: int) -> None:
        async for item in feed.listen():
            if item is None:
                ready[n].set()
            else:
                heard[n].append(item)

    listeners = [asyncio.create_task(listen(n)) for n in range(2)]
    try:
        await asyncio.wait_for(asyncio.gather(*(r.wait() for r in ready)), 5)
        sent = [
            (HANAKO, await feed.publish(HANAKO, "order.updated", {"orderId": "8011"})),
            (KENJI, await feed.publish(KENJI, "notification.created", {"kind": "order.approved", "sourceId": "a|b"})),
        ]
        async with asyncio.timeout(5):
            while any(len(h) < 2 for h in heard):  # noqa: ASYNC110 — two listeners, each on its own task
                await asyncio.sleep(0.01)
        await asyncio.sleep(0.1)  # nothing more comes
        for got in heard:
            assert [(account, event.id) for account, event in got] == sent
        assert heard[0][1][1].data == {"kind": "order.approved", "sourceId": "a|b"}
    finally:
        for listener in listeners:
            listener.cancel()
        await asyncio.gather(*listeners, return_exceptions=True)
