from __future__ import annotations

from typing import Any, cast

import msgspec
from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get
from litestar.openapi import ResponseSpec

from application.ports.readiness import CheckResult
from application.readiness import CheckReadiness, ReadinessReport
from entrypoints.http.problems import MEDIA_TYPE, Problem, new_problem
from entrypoints.http.request_id import current_request_id
from entrypoints.http.upstream_problems import APP_STATE_KEY, UpstreamProblems, UpstreamProblemsReport


class Liveness(msgspec.Struct, frozen=True):
    status: str


RETRY = {"Retry-After": "5"}  # a probe's next look, for any other client


class NotReady(Problem, kw_only=True):
    """A readiness problem (RFC 9457) with an extension member: each check and what failed."""

    checks: list[CheckResult]


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
            503: ResponseSpec(
                data_container=NotReady, media_type=MEDIA_TYPE, description="Problem (503): NOT_READY, with the checks"
            )
        },
    )
    @inject
    async def readiness(
        self, request: Request[Any, Any, Any], check_readiness: FromDishka[CheckReadiness]
    ) -> Response[ReadinessReport]:
        report = await check_readiness.execute()
        if report.ready:
            return Response(report)
        problem = new_problem(503, "NOT_READY", "Not ready", request_id=current_request_id(request.scope))
        body = msgspec.json.encode(NotReady(**msgspec.structs.asdict(problem), checks=report.checks))
        return cast("Response[ReadinessReport]", Response(body, status_code=503, media_type=MEDIA_TYPE, headers=RETRY))

    @get(
        "/upstreams",
        operation_id="getUpstreamProblems",
        summary="What went wrong with each system this process depends on (operators only: names systems and why).",
    )
    async def upstreams(self, request: Request[Any, Any, Any]) -> UpstreamProblemsReport:
        problems: UpstreamProblems = request.app.state[APP_STATE_KEY]
        return problems.report()
