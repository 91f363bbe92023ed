"""A customer's live stream (or one order's): what was missed since `Last-Event-ID`, then events as they come,
with heartbeats. Opening checks the limits and the feed before anything is sent, so a refusal is a proper 429 or
503; the stream itself never fails, it ends (and the client reconnects with its last id)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import ClassVar

from application.errors import STORE_OUTAGE, Raises
from application.identity.linked_customer import LinkedCustomer
from application.live.errors import TooManyStreamsError
from application.live.hub import LiveHub, Signal, Subscription
from application.live.policy import LivePolicy
from application.ports.live_events import LiveEvent, LiveEvents, LiveEventsUnavailableError, event_order

log = logging.getLogger(__name__)
HEARTBEAT = "heartbeat"
RESYNC = "resync"  # events were missed beyond the window: fetch everything again, then carry on from `id`


@dataclass(frozen=True, slots=True)
class LiveMessage:
    type: str
    id: str | None = None  # set on events (and on a resync: the id to continue from)
    data: dict[str, str] = field(default_factory=dict)


Matches = Callable[[LiveEvent], bool]


def everything(_: LiveEvent) -> bool:
    return True


def about_order(order_id: str) -> Matches:
    wanted = order_id[:15]  # CRM ids compare on their first 15 characters

    def matches(event: LiveEvent) -> bool:
        return event.type == "order.updated" and event.data.get("orderId", "")[:15] == wanted

    return matches


class WatchLive:
    raises: ClassVar[Raises] = (TooManyStreamsError, *STORE_OUTAGE)

    def __init__(self, hub: LiveHub, events: LiveEvents, policy: LivePolicy) -> None:
        self._hub = hub
        self._events = events
        self._policy = policy

    async def open(
        self, customer: LinkedCustomer, last_event_id: str | None, matches: Matches = everything
    ) -> AsyncIterator[LiveMessage]:
        stream = await self._hub.open(customer.sf_account_id)
        return self._stream(stream, last_event_id or None, matches)

    async def _stream(self, stream: Subscription, last: str | None, matches: Matches) -> AsyncIterator[LiveMessage]:
        try:
            if last is not None:
                missed, last = await self._catch_up(stream.account, last, matches)
                for message in missed:
                    yield message
            while True:
                try:
                    item = await asyncio.wait_for(stream.queue.get(), self._policy.heartbeat_seconds)
                except TimeoutError:
                    yield LiveMessage(HEARTBEAT)
                    continue
                if item is Signal.CLOSED:
                    return
                if item is Signal.LAGGED:
                    if last is None:  # nothing to catch up from: start over
                        yield LiveMessage(RESYNC)
                        continue
                    missed, last = await self._catch_up(stream.account, last, matches)
                    for message in missed:
                        yield message
                    continue
                assert isinstance(item, LiveEvent)
                if last is not None and event_order(item.id) <= event_order(last):
                    continue  # already sent by the catch-up
                last = item.id
                if matches(item):
                    yield LiveMessage(item.type, item.id, dict(item.data))
        except LiveEventsUnavailableError:
            log.warning("live_stream_ended_feed_unavailable", extra={"account": stream.account})
        finally:
            self._hub.release(stream)

    async def _catch_up(self, account: str, last: str, matches: Matches) -> tuple[list[LiveMessage], str]:
        """What was published after `last` (the matching events) and the new position (every event moves it)."""
        replay = await self._events.since(account, last)
        if not replay.complete:
            head = replay.head or last
            return [LiveMessage(RESYNC, head)], head
        sent = [LiveMessage(e.type, e.id, dict(e.data)) for e in replay.events if matches(e)]
        return sent, replay.events[-1].id if replay.events else last
