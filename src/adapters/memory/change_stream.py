"""In-memory twin of the Salesforce change stream: the same replay, retention and resync rules as the emulator.

Tests and the demo publish into it the way Salesforce would (`publish_change`, `publish_platform_event`) and
age it (`expire`); consumers read it through the `ChangeStream` port.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from adapters.system_clock import SystemClock
from application.cdc.channels import CONSUMED, RETENTION
from application.errors import UpstreamConfigurationError
from application.ports.change_stream import (
    ALL_CHANGE_EVENTS,
    ChangeEvent,
    ChangeEventHeader,
    PlatformEvent,
    ResyncReason,
    ResyncRequired,
    StreamMessage,
    as_delivered,
    change_event_channel,
)
from application.ports.clock import Clock
from application.ports.stream_positions import StreamPositions

DEFAULT_CHANNELS = frozenset({*CONSUMED, ALL_CHANGE_EVENTS})
INTEGRATION_USER_ID = "005RO000001IntUsrAAA"
_Event = ChangeEvent | PlatformEvent


class InMemoryChangeStream:
    def __init__(
        self,
        positions: StreamPositions,
        *,
        clock: Clock | None = None,
        retention: timedelta = RETENTION,
        channels: frozenset[str] = DEFAULT_CHANNELS,
    ) -> None:
        self.retention = retention
        self._positions = positions
        self._clock = clock or SystemClock()
        self._channels = channels
        self._events: dict[str, list[tuple[datetime, _Event]]] = {}
        self._last_replay_id = 4_210
        self._waiters: set[asyncio.Event] = set()
        self.subscribed: list[frozenset[str]] = []  # what running subscriptions listen to (tests wait on it)

    # -- what Salesforce does ------------------------------------------------------------------------------

    def publish_change(self, header: ChangeEventHeader, fields: Mapping[str, Any] | None = None) -> int:
        """A change event on its entity channel and on /data/ChangeEvents; returns its replay id."""
        channels = (change_event_channel(header.entity_name), ALL_CHANGE_EVENTS)
        return self._append(
            channels,
            lambda channel, replay_id: ChangeEvent(
                channel=channel, replay_id=replay_id, header=header, fields=dict(fields or {})
            ),
        )

    def publish_platform_event(self, channel: str, fields: Mapping[str, Any], *, event_uuid: str | None = None) -> int:
        created = self._clock.now()
        return self._append(
            (channel,),
            lambda channel, replay_id: PlatformEvent(
                channel=channel,
                replay_id=replay_id,
                created_date=created,
                created_by_id=INTEGRATION_USER_ID,
                event_uuid=event_uuid,
                fields=dict(fields),
            ),
        )

    def expire(self, *, channel: str | None = None, through_replay_id: int | None = None) -> None:
        """Age events out of retention (all, one channel's, or up to an id), as days of downtime would."""
        for name, events in self._events.items():
            if channel is None or name == channel:
                self._events[name] = [
                    (at, e) for at, e in events if through_replay_id is not None and e.replay_id > through_replay_id
                ]

    # -- the port ------------------------------------------------------------------------------------------

    async def subscribe(self, channels: Sequence[str]) -> AsyncIterator[StreamMessage]:
        wanted = list(dict.fromkeys(channels))
        unknown = [channel for channel in wanted if channel not in self._channels]
        if unknown:
            raise UpstreamConfigurationError("Salesforce", f"No such streaming channel: {', '.join(unknown)}")
        cursors: dict[str, int] = {}
        for channel in wanted:
            stored = await self._positions.get(channel)
            if stored is not None and any(e.replay_id == stored.replay_id for e in self._retained(channel)):
                cursors[channel] = stored.replay_id
                continue
            cursors[channel] = self._last_replay_id
            if stored is not None:
                yield ResyncRequired(channel=channel, reason=ResyncReason.REPLAY_ID_INVALID)
        listening = frozenset(wanted)
        self.subscribed.append(listening)
        try:
            while True:
                for event in await self._wait_for_due(cursors):
                    cursors[event.channel] = event.replay_id
                    yield as_delivered(event) if isinstance(event, ChangeEvent) else event
        finally:
            self.subscribed.remove(listening)

    # -- the log -------------------------------------------------------------------------------------------

    def _append(self, channels: tuple[str, ...], build: Callable[[str, int], _Event]) -> int:
        # Gapped like Salesforce's: consumers must never compute the next id.
        self._last_replay_id += 1 + self._last_replay_id % 3
        now = self._clock.now()
        for channel in channels:
            self._events.setdefault(channel, []).append((now, build(channel, self._last_replay_id)))
        for waiter in self._waiters:
            waiter.set()
        return self._last_replay_id

    async def _wait_for_due(self, cursors: dict[str, int]) -> list[_Event]:
        while not (due := self._due(cursors)):
            woken = asyncio.Event()
            self._waiters.add(woken)
            try:
                await woken.wait()
            finally:
                self._waiters.discard(woken)
        return due

    def _retained(self, channel: str) -> list[_Event]:
        oldest = self._clock.now() - self.retention
        return [event for at, event in self._events.get(channel, ()) if at >= oldest]

    def _due(self, cursors: dict[str, int]) -> list[_Event]:
        due = [
            event
            for channel, cursor in cursors.items()
            for event in self._retained(channel)
            if event.replay_id > cursor
        ]
        return sorted(due, key=lambda event: (event.replay_id, event.channel))
