"""The retained events of every channel, with Salesforce's replay semantics.

Replay ids come from one counter shared by all channels, so per channel they increase but are gapped (as on
Salesforce, where they are opaque and never contiguous); one CDC event carries the same id on its entity channel
and on `/data/ChangeEvents`.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import msgspec

NEW_EVENTS = -1
ALL_EVENTS = -2


class LoggedEvent(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    replay_id: int
    created_at: datetime
    data: dict[str, Any]  # the Bayeux `data` member: {"schema", "payload", "event"}


class EventLog:
    def __init__(self, *, retention: timedelta, clock: Callable[[], datetime]) -> None:
        self.retention = retention
        self._clock = clock
        self._events: dict[str, list[LoggedEvent]] = {}
        self._last_replay_id = random.randint(1_000, 9_000)
        self._lock = threading.Lock()  # the record store may commit from another thread than the one serving

    def append(self, channels: tuple[str, ...], build: Callable[[int], dict[str, Any]]) -> int:
        """Log one event on `channels`; `build(replay_id)` makes its `data`. Returns the replay id."""
        with self._lock:
            self._last_replay_id += random.randint(1, 3)
            replay_id = self._last_replay_id
            data = build(replay_id)
            now = self._clock()
            for channel in channels:
                event = LoggedEvent(channel=channel, replay_id=replay_id, created_at=now, data=data)
                self._events.setdefault(channel, []).append(event)
            return replay_id

    def latest_replay_id(self) -> int:
        with self._lock:
            return self._last_replay_id

    def is_retained(self, channel: str, replay_id: int) -> bool:
        with self._lock:
            self._trim_expired()
            return any(event.replay_id == replay_id for event in self._events.get(channel, ()))

    def after(self, channel: str, replay_id: int, *, limit: int) -> list[LoggedEvent]:
        """Retained events on `channel` with a replay id above `replay_id`, oldest first."""
        with self._lock:
            self._trim_expired()
            newer = [event for event in self._events.get(channel, ()) if event.replay_id > replay_id]
            return newer[:limit]

    def events(self, channel: str | None = None) -> list[LoggedEvent]:
        with self._lock:
            self._trim_expired()
            if channel is not None:
                return list(self._events.get(channel, ()))
            merged = [event for events in self._events.values() for event in events]
            return sorted(merged, key=lambda event: (event.replay_id, event.channel))

    def expire(self, *, channel: str | None = None, through_replay_id: int | None = None) -> int:
        """Drop retained events (all, or on one channel, or up to an id) as if the window had passed them."""
        with self._lock:
            dropped = 0
            for name, events in self._events.items():
                if channel is not None and name != channel:
                    continue
                kept = [e for e in events if through_replay_id is not None and e.replay_id > through_replay_id]
                dropped += len(events) - len(kept)
                self._events[name] = kept
            return dropped

    def clear(self) -> None:
        with self._lock:
            self._events.clear()

    def _trim_expired(self) -> None:
        oldest_kept = self._clock() - self.retention
        for name, events in self._events.items():
            if events and events[0].created_at < oldest_kept:
                self._events[name] = [event for event in events if event.created_at >= oldest_kept]
