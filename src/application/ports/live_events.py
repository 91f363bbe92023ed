"""Live events: small notices (a type and a few ids) that something of an account changed, for its open streams.

`portal cdc` and `portal worker` publish; every API process hears every event once (one subscription per process)
and hands it to its streams of that account. The clients then fetch the full state from the read models: an event
never carries more than ids. Each account keeps its recent events (a bounded window) under increasing ids, so a
stream that reconnects with `Last-Event-ID` gets what it missed, or learns it must resync when that is gone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveEvent:
    id: str  # the account's event id (increasing; compare with `event_order`), given by the feed
    type: str  # order.updated, notification.created, eligibility.changed
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class Replay:
    events: tuple[LiveEvent, ...]  # after the asked id, oldest first
    complete: bool  # False: events after the asked id may be gone (beyond the window): the client must resync
    head: str | None  # the newest id kept (a resyncing client continues from it)


class LiveEventsUnavailableError(Exception):
    """The feed's store did not answer."""


def event_order(event_id: str) -> tuple[int, int]:
    """Ids are "<milliseconds>-<sequence>" (Redis stream ids): ordered as pairs of integers."""
    millis, _, sequence = event_id.partition("-")
    try:
        return int(millis), int(sequence or 0)
    except ValueError:
        return (-1, -1)  # not one of ours: older than everything


class LiveFeed(Protocol):
    async def publish(self, sf_account_id: str, event_type: str, data: Mapping[str, str]) -> str:
        """Keep the event in the account's window and tell every API process; its id."""
        ...


class LiveEvents(Protocol):
    async def since(self, sf_account_id: str, last_event_id: str) -> Replay: ...

    def listen(self) -> AsyncIterator[tuple[str, LiveEvent] | None]:
        """Every account's new events as they are published, as (account, event), after one None that says the
        subscription is in place (from then on nothing published is missed). Raises `LiveEventsUnavailableError`
        when the subscription is lost."""
        ...
