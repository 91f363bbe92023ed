"""One session's hand-over logic, with a scripted client in place of aiosfstream-ng."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest
from aiosfstream_ng.exceptions import ServerError

from adapters.memory.stream_positions import InMemoryStreamPositions
from adapters.salesforce.streaming.replay import ReplayPositions
from adapters.salesforce.streaming.session import StreamSession
from adapters.salesforce.streaming.watch import SubscriptionWatch
from application.errors import UpstreamConfigurationError
from application.ports.change_stream import ChangeEvent, ResyncReason, ResyncRequired, StreamMessage
from tests.unit.streaming.test_adapter_parts import ORDERS, cdc_message

EXPIRED = "400::The replayId 5 you provided was invalid.  Please provide a valid ID, -2 to replay all events, or -1"


class ScriptedClient:
    def __init__(self, watch: SubscriptionWatch, refuse: dict[str, list[str]] | None = None) -> None:
        self.watch = watch
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.subscribed: list[str] = []
        self._refuse = refuse or {}

    async def __aenter__(self) -> ScriptedClient:
        return self

    async def __aexit__(self, *_: object) -> None:
        return None

    async def subscribe(self, channel: str) -> None:
        errors = self._refuse.get(channel)
        if errors:
            error = errors.pop(0)
            raise ServerError("Subscribe request failed.", {"channel": "/meta/subscribe", "error": error})
        self.subscribed.append(channel)

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()


def message(replay_id: int, status: str = "Activating") -> dict[str, Any]:
    sent = cdc_message()
    sent["data"]["event"]["replayId"] = replay_id
    sent["data"]["payload"]["Activation_Status__c"] = status
    return sent


@contextlib.asynccontextmanager
async def session(refuse: dict[str, list[str]] | None = None):  # type: ignore[no-untyped-def]
    watch = SubscriptionWatch()
    client = ScriptedClient(watch, refuse)
    run = StreamSession(client, watch=watch, replay=ReplayPositions(InMemoryStreamPositions()), channels=[ORDERS])  # type: ignore[arg-type]
    messages = run.messages()
    try:
        yield client, messages
    finally:
        await messages.aclose()


async def next_of(messages: Any) -> StreamMessage:
    async with asyncio.timeout(1):
        return await anext(messages)  # type: ignore[no-any-return]


async def test_redeliveries_and_repeated_unreadable_events_are_handed_over_once() -> None:
    async with session() as (client, messages):
        for sent in (message(10), message(10), message(9), {"channel": ORDERS, "data": {"event": {"replayId": 11}}}):
            client.incoming.put_nowait(sent)
        client.incoming.put_nowait({"channel": ORDERS, "data": {"event": {"replayId": 11}}})
        client.incoming.put_nowait(message(12, "Activated"))
        first, unreadable, last = [await next_of(messages) for _ in range(3)]
    assert isinstance(first, ChangeEvent)
    assert first.replay_id == 10
    assert unreadable == ResyncRequired(channel=ORDERS, reason=ResyncReason.UNREADABLE_EVENT, replay_id=11)
    assert isinstance(last, ChangeEvent)
    assert last.fields["Activation_Status__c"] == "Activated"


async def test_a_refused_position_on_subscribe_starts_over_with_new_events() -> None:
    async with session({ORDERS: [EXPIRED]}) as (client, messages):
        signal = await next_of(messages)
        assert signal == ResyncRequired(channel=ORDERS, reason=ResyncReason.REPLAY_ID_INVALID)
        assert client.subscribed == [ORDERS]


async def test_a_refused_re_subscribe_seen_by_the_watch_is_a_resync() -> None:
    async with session() as (client, messages):
        client.incoming.put_nowait(message(10))
        await next_of(messages)
        await client.watch.incoming(
            [
                {"channel": "/meta/connect", "successful": True},
                {"channel": "/meta/subscribe", "subscription": ORDERS, "successful": False, "error": EXPIRED},
            ]
        )
        signal = await next_of(messages)
    assert signal == ResyncRequired(channel=ORDERS, reason=ResyncReason.REPLAY_ID_INVALID)
    assert client.subscribed == [ORDERS, ORDERS]


async def test_a_channel_that_does_not_exist_is_fatal() -> None:
    refusal = "400::The channel you requested to subscribe to doesn't exist /data/OrderChangeEvent"
    async with session({ORDERS: [refusal]}) as (_, messages):
        with pytest.raises(UpstreamConfigurationError):
            await next_of(messages)
