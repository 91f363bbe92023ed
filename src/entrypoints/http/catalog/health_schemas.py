"""`GET /api/health/services/cache` on the wire (camelCase); the report itself is `application.read_models.health`."""

from __future__ import annotations

from datetime import datetime

import msgspec

from application.read_models.health import CacheHealth


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


def cache_health_report(health: CacheHealth) -> CacheHealthReport:
    return msgspec.convert(health, CacheHealthReport, from_attributes=True)
