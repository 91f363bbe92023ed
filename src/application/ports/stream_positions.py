from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec


class StreamPosition(msgspec.Struct, frozen=True, kw_only=True):
    channel: str  # e.g. "/data/Product2ChangeEvent"
    replay_id: int  # the last event whose effects are durable
    updated_at: datetime  # when it was saved: how far behind the consumer is, against the 72 h retention


class StreamPositions(Protocol):
    """Where each event stream was consumed up to, kept durably so a restart resumes without loss.

    Save a replay id only after the effects of that event (and every earlier one) are durable: the stream
    replays everything after the saved id, so saving early loses events and saving late only repeats some.
    """

    async def get(self, channel: str) -> StreamPosition | None:
        """The saved position, or None if this channel was never consumed (a cold start: rebuild)."""
        ...

    async def save(self, channel: str, replay_id: int) -> None:
        """Record `replay_id` as consumed on `channel`, replacing the previous position."""
        ...

    async def forget(self, channel: str) -> bool:
        """Drop the channel's position (its next leader starts cold: a resync, then new events only); False when
        there was none."""
        ...
