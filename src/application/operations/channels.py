"""Each stream channel's replay position, and an operator's reset of one to resync.

A reset is carried out by the channel's leader (`application.cdc.channel_consumer`): it finishes the message in
hand, drops the saved position and starts cold — a resync of the channel's read models, then new events only.
Asking twice before it happened is one request.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

import msgspec

from application.cdc.channels import CONSUMED
from application.errors import STORE_OUTAGE, InvalidInputError, Raises
from application.operations.audit import recorded
from application.ports.channel_leases import ChannelLeases
from application.ports.resync_requests import ResyncRequests
from application.ports.stream_positions import StreamPositions


class ChannelPosition(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    replay_id: int | None  # None: never consumed (the next leader starts cold)
    saved_at: datetime | None
    leader: str | None
    reset_pending: bool


class ChannelReset(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    outcome: str  # "requested" or "already_requested"
    leader: str | None  # who will carry it out (None: the next consumer to lead the channel)


class ListChannelPositions:
    raises: ClassVar[Raises] = STORE_OUTAGE

    def __init__(self, positions: StreamPositions, leases: ChannelLeases, resyncs: ResyncRequests) -> None:
        self._positions = positions
        self._leases = leases
        self._resyncs = resyncs

    async def execute(self) -> tuple[ChannelPosition, ...]:
        shown = []
        for channel in CONSUMED:
            position = await self._positions.get(channel)
            shown.append(
                ChannelPosition(
                    channel=channel,
                    replay_id=position.replay_id if position else None,
                    saved_at=position.updated_at if position else None,
                    leader=await self._leases.holder(channel),
                    reset_pending=await self._resyncs.pending(channel),
                )
            )
        return tuple(shown)


class ResetChannel:
    raises: ClassVar[Raises] = (InvalidInputError, *STORE_OUTAGE)

    def __init__(self, leases: ChannelLeases, resyncs: ResyncRequests) -> None:
        self._leases = leases
        self._resyncs = resyncs

    async def execute(self, channel: str) -> ChannelReset:
        if channel not in CONSUMED:
            raise InvalidInputError(f"Unknown channel {channel!r}; the portal consumes {', '.join(CONSUMED)}.")
        outcome = "requested" if await self._resyncs.request(channel) else "already_requested"
        leader = await self._leases.holder(channel)
        recorded("cdc.reset", outcome, channel=channel, leader=leader)
        return ChannelReset(channel=channel, outcome=outcome, leader=leader)
