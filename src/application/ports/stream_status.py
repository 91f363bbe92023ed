"""What the consumer process reports about each channel, for the health endpoint and metrics of any process."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec


class ChannelStatus(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    holder: str | None  # the consumer process leading this channel
    connected: bool
    updated_at: datetime  # when the leader last reported (a stale report means a dead leader)
    last_event_at: datetime | None = None
    last_replay_id: int | None = None
    lag_seconds: float | None = None  # event commit/creation time to applied, for the last event
    applied: int = 0  # events applied by the reporting leader since it took the channel
    duplicates: int = 0  # redeliveries recognised and skipped
    resyncs: int = 0


class StreamStatusBoard(Protocol):
    async def report(self, status: ChannelStatus) -> None: ...

    async def all(self) -> tuple[ChannelStatus, ...]: ...
