"""`GET /api/health/services/cache` and the Prometheus exposition at `/metrics` (outside /api)."""

from __future__ import annotations

from typing import Any

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get
from prometheus_client import CONTENT_TYPE_LATEST

from application.read_models.health import GetCacheHealth
from entrypoints.http.catalog.health_schemas import CacheHealthReport, cache_health_report
from entrypoints.http.metrics import COUNTERS_STATE_KEY, ReadModelCounters, exposition


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


@get("/metrics", include_in_schema=False)
@inject
async def metrics(request: Request[Any, Any, Any], health: FromDishka[GetCacheHealth]) -> Response[bytes]:
    counters: ReadModelCounters | None = request.app.state.get(COUNTERS_STATE_KEY)
    return Response(exposition(await health.execute(), counters), media_type=CONTENT_TYPE_LATEST)
