"""Subscribe with the replay extension: -1, -2, a stored id, and the 400s that tell a consumer to resync."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.memory.clock import FrozenClock
from sandbox.salesforce.streaming.hub import StreamingHub
from tests.unit.streaming.conftest import Bayeux, events_of, order_update, speaking_to

ORDERS = "/data/OrderChangeEvent"


def statuses(replies: list[dict[str, object]]) -> list[str]:
    return [event["data"]["payload"]["Status"] for event in events_of(replies)]  # type: ignore[index]


async def test_minus_one_sends_only_new_events(bayeux: Bayeux, hub: StreamingHub) -> None:
    hub.on_commit(order_update(1))
    client_id = await bayeux.connected_client(ORDERS, replay=-1)
    hub.on_commit(order_update(2))
    assert statuses(await bayeux.connect(client_id)) == ["Status 2"]


async def test_no_replay_extension_means_new_events(bayeux: Bayeux, hub: StreamingHub) -> None:
    hub.on_commit(order_update(1))
    client_id = await bayeux.connected_client(ORDERS)
    hub.on_commit(order_update(2))
    assert statuses(await bayeux.connect(client_id)) == ["Status 2"]


async def test_minus_two_replays_everything_retained(bayeux: Bayeux, hub: StreamingHub) -> None:
    hub.on_commit(order_update(1))
    hub.on_commit(order_update(2))
    client_id = await bayeux.connected_client(ORDERS, replay=-2)
    assert statuses(await bayeux.connect(client_id)) == ["Status 1", "Status 2"]


async def test_a_stored_id_replays_what_came_after_it(bayeux: Bayeux, hub: StreamingHub) -> None:
    for n in range(1, 4):
        hub.on_commit(order_update(n))
    first = hub.events(ORDERS)[0].replay_id
    client_id = await bayeux.connected_client(ORDERS, replay=first)
    replies = await bayeux.connect(client_id)
    assert statuses(replies) == ["Status 2", "Status 3"]
    ids = [event["data"]["event"]["replayId"] for event in events_of(replies)]
    assert first < ids[0] < ids[1]


async def test_an_unknown_replay_id_gets_the_salesforce_400(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client()
    reply = await bayeux.subscribe(client_id, ORDERS, replay=424242)
    assert reply["successful"] is False
    assert reply["subscription"] == ORDERS
    assert reply["error"] == (
        "400::The replayId 424242 you provided was invalid.  Please provide a valid ID, -2 to replay all events, "
        "or -1 to replay only new events."
    )


async def test_an_id_past_the_retention_window_is_invalid(
    bayeux: Bayeux, hub: StreamingHub, clock: FrozenClock
) -> None:
    hub.on_commit(order_update(1))
    stored = hub.events(ORDERS)[0].replay_id
    clock.advance(timedelta(hours=72, seconds=1).total_seconds())
    client_id = await bayeux.connected_client()
    reply = await bayeux.subscribe(client_id, ORDERS, replay=stored)
    assert reply["error"].startswith(f"400::The replayId {stored} you provided was invalid.")


async def test_a_replay_map_without_the_channel_is_refused(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client()
    _, replies = await bayeux.post(
        {
            "channel": "/meta/subscribe",
            "clientId": client_id,
            "subscription": ORDERS,
            "ext": {"replay": {"/data/Product2ChangeEvent": -1}},
        }
    )
    assert replies[0]["error"].startswith(f"400::The replayId for channel {ORDERS} wasn't found")


async def test_channels_that_do_not_exist_are_refused(bayeux: Bayeux) -> None:
    client_id = await bayeux.connected_client()
    assert (await bayeux.subscribe(client_id, "/data/AccountChangeEvent"))["error"] == (
        "400::The channel you requested to subscribe to doesn't exist /data/AccountChangeEvent"
    )
    assert (await bayeux.subscribe(client_id, "data/OrderChangeEvent"))["error"].startswith(
        "400::Channel subscriptions must start with a leading '/'"
    )


async def test_unsubscribe_stops_delivery(bayeux: Bayeux, hub: StreamingHub) -> None:
    client_id = await bayeux.connected_client(ORDERS)
    _, replies = await bayeux.post({"channel": "/meta/unsubscribe", "clientId": client_id, "subscription": ORDERS})
    assert replies[0]["successful"] is True
    hub.on_commit(order_update(1))
    assert statuses(await bayeux.connect(client_id)) == []


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    commits=st.integers(min_value=1, max_value=8),
    expired=st.integers(min_value=0, max_value=8),
    resume_at=st.integers(min_value=0, max_value=7),
)
async def test_a_resume_delivers_exactly_the_retained_events_after_the_position(
    commits: int, expired: int, resume_at: int
) -> None:
    clock = FrozenClock()
    hub = StreamingHub(lambda _: True, clock=clock.now, connect_timeout=timedelta(milliseconds=20))
    for n in range(commits):
        hub.on_commit(order_update(n, at=datetime(2026, 11, 1, tzinfo=UTC)))
    all_ids = [event.replay_id for event in hub.events(ORDERS)]
    expired = min(expired, commits)
    if expired:
        hub.expire_events(through_replay_id=all_ids[expired - 1])
    resume_at = min(resume_at, commits - 1)
    stored = all_ids[resume_at]
    async with speaking_to(hub) as bayeux:
        client_id = await bayeux.connected_client()
        reply = await bayeux.subscribe(client_id, ORDERS, replay=stored)
        if resume_at < expired:
            assert reply["successful"] is False
            return
        assert reply["successful"] is True
        delivered = [e["data"]["event"]["replayId"] for e in events_of(await bayeux.connect(client_id))]
    assert delivered == all_ids[resume_at + 1 :]
