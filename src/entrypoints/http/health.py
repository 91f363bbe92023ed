from __future__ import annotations

from typing import Any

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec

from application.readiness import CheckReadiness, ReadinessReport
from entrypoints.http.upstream_problems import APP_STATE_KEY, UpstreamProblems, UpstreamProblemsReport


class Liveness(msgspec.Struct, frozen=True):
    status: str


class HealthController(Controller):
    path = "/health"
    tags = ["health"]

    @get("/", operation_id="getLiveness", summary="The process is up (no I/O).")
    async def liveness(self) -> Liveness:
        return Liveness(status="ok")

    @get(
        "/ready",
        operation_id="getReadiness",
        summary="Postgres reachable and migrated to head, Redis reachable; 503 names what failed.",
        responses={
            503: ResponseSpec(data_container=ReadinessReport, description="Not ready: the report names what failed.")
        },
    )
    @inject
    async def readiness(self, check_readiness: FromDishka[CheckReadiness]) -> Response[ReadinessReport]:
        report = await check_readiness.execute()
        return Response(report, status_code=200 if report.ready else 503)

    @get(
        "/upstreams",
        operation_id="getUpstreamProblems",
        summary="What went wrong with each system this process depends on (operators only: names systems and why).",
    )
    async def upstreams(self, request: Request[Any, Any, Any]) -> UpstreamProblemsReport:
        problems: UpstreamProblems = request.app.state[APP_STATE_KEY]
        return problems.report()
