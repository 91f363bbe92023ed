"""What one channel's leader reports: applied/duplicate/resync counts, the last event and how late it was."""

from __future__ import annotations

import logging
from datetime import datetime

from application.ports.change_stream import ChangeEvent, PlatformEvent, ResyncRequired, StreamMessage
from application.ports.clock import Clock
from application.ports.stream_status import ChannelStatus, StreamStatusBoard

log = logging.getLogger(__name__)


class ChannelStats:
    def __init__(self, channel: str, holder: str, board: StreamStatusBoard, clock: Clock) -> None:
        self.channel = channel
        self.holder = holder
        self.applied = 0
        self.duplicates = 0
        self.resyncs = 0
        self.last_event_at: datetime | None = None
        self.last_replay_id: int | None = None
        self.lag_seconds: float | None = None
        self._board = board
        self._clock = clock
        self._connected = False
        self._leading = False

    def count(self, message: StreamMessage) -> None:
        if isinstance(message, ResyncRequired):
            self.resyncs += 1
        else:
            self.applied += 1

    async def applied_message(self, message: StreamMessage) -> None:
        if isinstance(message, ChangeEvent | PlatformEvent):
            happened = message.header.commit_timestamp if isinstance(message, ChangeEvent) else message.created_date
            now = self._clock.now()
            self.last_event_at = now
            self.lag_seconds = max(0.0, (now - happened).total_seconds())
        if message.replay_id is not None:
            self.last_replay_id = message.replay_id
        await self.report(connected=self._connected, leading=self._leading)

    async def report(self, *, connected: bool, leading: bool) -> None:
        self._connected, self._leading = connected, leading
        status = ChannelStatus(
            channel=self.channel,
            holder=self.holder if leading else None,
            connected=connected,
            updated_at=self._clock.now(),
            last_event_at=self.last_event_at,
            last_replay_id=self.last_replay_id,
            lag_seconds=self.lag_seconds,
            applied=self.applied,
            duplicates=self.duplicates,
            resyncs=self.resyncs,
        )
        try:
            await self._board.report(status)
        except Exception as error:  # health reporting must never stop consumption
            log.warning("status report for %s failed: %s", self.channel, error)
