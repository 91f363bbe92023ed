"""The state of every read model and of every stream channel, in one report.

Hit/miss counters are this process's (every process exports its own to /metrics; Prometheus sums them).
Per-account models have no single document: their stored state is unknown, and "last rebuild" is the duration
of this process's last fill. A channel whose leader has not reported for `stale_after_seconds` is shown
disconnected: its leader died.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import ClassVar

import msgspec

from application.errors import Raises, UpstreamUnavailableError
from application.ports.clock import Clock
from application.ports.stream_status import ChannelStatus, StreamStatusBoard
from application.read_models.stats import ReadModelStats
from application.read_models.status import ReportsStatus, StoredDocument


class ReadModelState(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    present: bool | None  # None: not a single document (per-account models), or the store is down
    version: str | None
    etags: dict[str, str] | None
    last_rebuild_at: datetime | None
    last_rebuild_seconds: float | None
    hits: int
    misses: int
    local_hits: int
    fills: int
    refused_fills: int
    live_reads: int
    store_errors: int


class ChannelState(msgspec.Struct, frozen=True, kw_only=True):
    channel: str
    connected: bool
    leader: str | None
    reported_at: datetime
    last_event_at: datetime | None
    last_replay_id: int | None
    lag_seconds: float | None
    applied: int
    duplicates: int
    resyncs: int


class CacheHealth(msgspec.Struct, frozen=True, kw_only=True):
    store_available: bool
    read_models: tuple[ReadModelState, ...]
    channels: tuple[ChannelState, ...]


def read_model_state(stats: ReadModelStats, stored: StoredDocument | None) -> ReadModelState:
    rebuild_seconds = stored.build_seconds if stored is not None else None
    return ReadModelState(
        name=stats.family,
        present=stored.present if stored is not None else None,
        version=stored.version if stored is not None else None,
        etags=stored.etags if stored is not None else None,
        last_rebuild_at=stored.built_at if stored is not None else None,
        last_rebuild_seconds=rebuild_seconds if rebuild_seconds is not None else stats.last_fill_seconds,
        hits=stats.hits,
        misses=stats.misses,
        local_hits=stats.local_hits,
        fills=stats.fills,
        refused_fills=stats.refused_fills,
        live_reads=stats.live_reads,
        store_errors=stats.store_errors,
    )


class GetCacheHealth:
    raises: ClassVar[Raises] = ()  # an unavailable store is part of the report

    def __init__(
        self,
        models: Sequence[ReportsStatus],
        board: StreamStatusBoard,
        clock: Clock,
        *,
        stale_after_seconds: float = 10.0,
    ) -> None:
        self._models = tuple(models)
        self._board = board
        self._clock = clock
        self._stale_after = timedelta(seconds=stale_after_seconds)

    async def execute(self) -> CacheHealth:
        available = True
        try:
            stored = [await model.stored_document() for model in self._models]
            statuses = await self._board.all()
        except UpstreamUnavailableError:
            available, stored, statuses = False, [None] * len(self._models), ()
        now = self._clock.now()
        return CacheHealth(
            store_available=available,
            read_models=tuple(read_model_state(m.stats, s) for m, s in zip(self._models, stored, strict=True)),
            channels=tuple(self._channel(status, now) for status in statuses),
        )

    def _channel(self, status: ChannelStatus, now: datetime) -> ChannelState:
        alive = now - status.updated_at <= self._stale_after
        return ChannelState(
            channel=status.channel,
            connected=status.connected and alive,
            leader=status.holder if alive else None,
            reported_at=status.updated_at,
            last_event_at=status.last_event_at,
            last_replay_id=status.last_replay_id,
            lag_seconds=status.lag_seconds,
            applied=status.applied,
            duplicates=status.duplicates,
            resyncs=status.resyncs,
        )
