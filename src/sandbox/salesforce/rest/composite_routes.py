"""HTTP routes of `/composite`, `/composite/sobjects` (create, update, retrieve, delete) and `/limits`."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromPath
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.rest.collection_ids import delete_many, retrieve_many, split_list
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

    @get("/services/data/{version:str}/composite/sobjects/{sobject:str}")
    async def retrieve_by_query(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str]
    ) -> Response[bytes]:
        ids, fields = split_list(request.query_params.get("ids")), split_list(request.query_params.get("fields"))
        return await guarded(
            request, state, "collections", lambda: retrieve_many(state, version, sobject, ids, fields), entity=sobject
        )

    @post("/services/data/{version:str}/composite/sobjects/{sobject:str}", status_code=200)
    async def retrieve_by_body(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str]
    ) -> Response[bytes]:
        raw = await request.body()

        def retrieve() -> tuple[int, Any]:
            body = decode_json(raw)
            body = body if isinstance(body, dict) else {}
            return retrieve_many(state, version, sobject, body.get("ids"), body.get("fields"))

        return await guarded(request, state, "collections", retrieve, entity=sobject)

    @delete("/services/data/{version:str}/composite/sobjects", status_code=200)
    async def delete_many_by_id(request: Request[Any, Any, Any]) -> Response[bytes]:
        ids, origin = split_list(request.query_params.get("ids")), write_origin(request)
        all_or_none = request.query_params.get("allOrNone", "false").lower() == "true"
        return await guarded(request, state, "collections", lambda: delete_many(state, ids, all_or_none, origin))

    @get("/services/data/{version:str}/limits")
    async def limits(request: Request[Any, Any, Any]) -> Response[bytes]:
        def usage() -> tuple[int, Any]:
            remaining = max(state.daily_api_limit - state.api_requests, 0)
            return 200, {"DailyApiRequests": {"Max": state.daily_api_limit, "Remaining": remaining}}

        return await guarded(request, state, "limits", usage)

    return [composite, create_many, update_many, retrieve_by_query, retrieve_by_body, delete_many_by_id, limits]
