"""HTTP routes of `/composite`, `/composite/sobjects` and `/limits`."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, patch, post
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.rest.collection_writes import run_collection
from sandbox.salesforce.rest.composite import run_composite
from sandbox.salesforce.rest.gate import decode_json, guarded, write_origin
from sandbox.salesforce.state import SalesforceState


def composite_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    @post("/services/data/{version:str}/composite", status_code=200)
    async def composite(request: Request[Any, Any, Any]) -> Response[bytes]:
        raw, origin = await request.body(), write_origin(request)
        return await guarded(request, state, "composite", lambda: run_composite(state, decode_json(raw), origin))

    @post("/services/data/{version:str}/composite/sobjects", status_code=200)
    async def create_many(request: Request[Any, Any, Any]) -> Response[bytes]:
        raw, origin = await request.body(), write_origin(request)
        return await guarded(
            request, state, "collections", lambda: run_collection(state, "POST", decode_json(raw), origin)
        )

    @patch("/services/data/{version:str}/composite/sobjects", status_code=200)
    async def update_many(request: Request[Any, Any, Any]) -> Response[bytes]:
        raw, origin = await request.body(), write_origin(request)
        return await guarded(
            request, state, "collections", lambda: run_collection(state, "PATCH", decode_json(raw), origin)
        )

    @get("/services/data/{version:str}/limits")
    async def limits(request: Request[Any, Any, Any]) -> Response[bytes]:
        def usage() -> tuple[int, Any]:
            remaining = max(state.daily_api_limit - state.api_requests, 0)
            return 200, {"DailyApiRequests": {"Max": state.daily_api_limit, "Remaining": remaining}}

        return await guarded(request, state, "limits", usage)

    return [composite, create_many, update_many, limits]
