"""`GET /api/health/services/cache` and the Prometheus exposition at `/metrics` (outside /api)."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Response, get
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, generate_latest

from application.read_models.health import CacheHealth, GetCacheHealth
from entrypoints.http.catalog.health_schemas import CacheHealthReport, cache_health_report


class CacheHealthController(Controller):
    path = "/health/services/cache"
    tags = ["health"]

    @get(
        "/",
        operation_id="getCacheHealth",
        summary="Read models (present, version/ETags, last rebuild, hits/misses) and CDC channels (leader, lag).",
    )
    @inject
    async def cache_health(self, health: FromDishka[GetCacheHealth]) -> CacheHealthReport:
        return cache_health_report(await health.execute())


def exposition(report: CacheHealth) -> bytes:
    registry = CollectorRegistry()
    counters = {
        name: Counter(f"portal_read_model_{name}", help_text, ["model"], registry=registry)
        for name, help_text in (
            ("hits", "Reads answered by the read-model store (this process)."),
            ("local_hits", "Reads answered by this process's verified copy."),
            ("misses", "Reads that found the current version absent."),
            ("fills", "Loads from the system of record stored as the current version."),
            ("refused_fills", "Loads overtaken by an invalidation (not stored)."),
            ("live_reads", "Loads served without the store."),
            ("store_errors", "Read-model store failures."),
        )
    }
    present = Gauge("portal_read_model_present", "1 when the current version is stored.", ["model"], registry=registry)
    rebuild = Gauge(
        "portal_read_model_last_rebuild_seconds", "Duration of the last rebuild.", ["model"], registry=registry
    )
    for model in report.read_models:
        for name, counter in counters.items():
            counter.labels(model.name).inc(getattr(model, name))
        if model.present is not None:
            present.labels(model.name).set(1 if model.present else 0)
        if model.last_rebuild_seconds is not None:
            rebuild.labels(model.name).set(model.last_rebuild_seconds)
    up = Gauge("portal_read_model_store_up", "1 when the read-model store answers.", registry=registry)
    up.set(1 if report.store_available else 0)
    labels = ["channel"]
    connected = Gauge("portal_cdc_channel_connected", "1 when a live leader consumes it.", labels, registry=registry)
    lag = Gauge(
        "portal_cdc_channel_lag_seconds", "Commit-to-applied delay of the last event.", labels, registry=registry
    )
    replay = Gauge(
        "portal_cdc_channel_last_replay_id", "Replay id of the last applied event.", labels, registry=registry
    )
    applied = Gauge("portal_cdc_channel_applied", "Events applied by the current leader.", labels, registry=registry)
    duplicates = Gauge(
        "portal_cdc_channel_duplicates", "Redeliveries skipped by the leader.", labels, registry=registry
    )
    for channel in report.channels:
        connected.labels(channel.channel).set(1 if channel.connected else 0)
        applied.labels(channel.channel).set(channel.applied)
        duplicates.labels(channel.channel).set(channel.duplicates)
        if channel.lag_seconds is not None:
            lag.labels(channel.channel).set(channel.lag_seconds)
        if channel.last_replay_id is not None:
            replay.labels(channel.channel).set(channel.last_replay_id)
    return generate_latest(registry)


@get("/metrics", include_in_schema=False)
@inject
async def metrics(health: FromDishka[GetCacheHealth]) -> Response[bytes]:
    return Response(exposition(await health.execute()), media_type=CONTENT_TYPE_LATEST)
