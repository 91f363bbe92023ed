"""`GET /api/health/services/cache`: each read model's state and each stream channel's, in one report.

Hit/miss counters are this process's (every process exports its own to /metrics; Prometheus sums them).
Per-account models (eligibility, orders) have no single document: `present` is None, and "last rebuild" is the
duration of this process's last fill.
A channel whose leader has not reported for `stale_after_seconds` is shown disconnected: its leader died.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import ClassVar

import msgspec

from application.catalog.catalog_read_model import ENTITY, FAMILY, CatalogReadModel
from application.catalog.snapshot import decode_snapshot
from application.eligibility.eligibility_read_model import EligibilityReadModel
from application.errors import Raises, UpstreamUnavailableError
from application.orders.read_model import OrdersReadModel
from application.ports.clock import Clock
from application.ports.read_model_store import ReadModelStore
from application.ports.stream_status import ChannelStatus, StreamStatusBoard
from application.read_models.stats import ReadModelStats


class ReadModelHealth(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
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


class ChannelHealth(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
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


class CacheHealthReport(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    store_available: bool
    read_models: tuple[ReadModelHealth, ...]
    channels: tuple[ChannelHealth, ...]


def _model(stats: ReadModelStats, local_hits: int = 0, **found: object) -> ReadModelHealth:
    values: dict[str, object] = {"present": None, "version": None, "etags": None}
    values |= {"last_rebuild_at": None, "last_rebuild_seconds": stats.last_fill_seconds, **found}
    return ReadModelHealth(
        name=stats.family,
        hits=stats.hits,
        misses=stats.misses,
        local_hits=local_hits,
        fills=stats.fills,
        refused_fills=stats.refused_fills,
        live_reads=stats.live_reads,
        store_errors=stats.store_errors,
        **values,  # type: ignore[arg-type]
    )


class GetCacheHealth:
    raises: ClassVar[Raises] = ()  # an unavailable store is part of the report

    def __init__(
        self,
        store: ReadModelStore,
        catalog: CatalogReadModel,
        eligibility: EligibilityReadModel,
        orders: OrdersReadModel,
        board: StreamStatusBoard,
        clock: Clock,
        *,
        stale_after_seconds: float = 10.0,
    ) -> None:
        self._store = store
        self._catalog = catalog
        self._eligibility = eligibility
        self._orders = orders
        self._board = board
        self._clock = clock
        self._stale_after = timedelta(seconds=stale_after_seconds)

    async def execute(self) -> CacheHealthReport:
        available = True
        found: dict[str, object] = {}
        try:
            stored = await self._store.read(FAMILY, ENTITY)
            found = {"present": stored.value is not None, "version": stored.version.tag}
            if stored.value is not None:
                snapshot = decode_snapshot(stored.value)
                found |= {"etags": snapshot.etags, "last_rebuild_at": snapshot.built_at}
                found["last_rebuild_seconds"] = snapshot.build_seconds
            statuses = await self._board.all()
        except UpstreamUnavailableError:
            available, statuses = False, ()
        now = self._clock.now()
        return CacheHealthReport(
            store_available=available,
            read_models=(
                _model(self._catalog.model.stats, self._catalog.local_hits, **found),
                _model(self._eligibility.model.stats),
                _model(self._orders.model.stats),
            ),
            channels=tuple(self._channel(status, now) for status in statuses),
        )

    def _channel(self, status: ChannelStatus, now: datetime) -> ChannelHealth:
        alive = now - status.updated_at <= self._stale_after
        return ChannelHealth(
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
