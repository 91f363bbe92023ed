"""HTTP routes of the sObject resources: create, get (by id or external id), update, delete."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, delete, get, patch, post
from litestar.params import FromPath
from litestar.types import ControllerRouterHandler

from sandbox.salesforce.rest.gate import decode_json, guarded, write_origin
from sandbox.salesforce.rest.sobjects import (
    create_record,
    delete_record,
    get_by_external_id,
    get_record,
    update_record,
)
from sandbox.salesforce.state import SalesforceState

_BASE = "/services/data/{version:str}/sobjects/{sobject:str}"


def sobject_routes(state: SalesforceState) -> list[ControllerRouterHandler]:
    @post(_BASE, status_code=201)
    async def create(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str]
    ) -> Response[bytes]:
        raw, origin = await request.body(), write_origin(request)
        return await guarded(
            request,
            state,
            "sobject_create",
            lambda: create_record(state, version, sobject, decode_json(raw), origin),
            entity=sobject,
        )

    @get(_BASE + "/{record_id:str}")
    async def read(
        request: Request[Any, Any, Any], version: FromPath[str], sobject: FromPath[str], record_id: FromPath[str]
    ) -> Response[bytes]:
        fields = request.query_params.get("fields")
        return await guarded(
            request,
            state,
            "sobject_get",
            lambda: get_record(state, version, sobject, record_id, fields),
            entity=sobject,
        )

    @get(_BASE + "/{field:str}/{value:str}")
    async def read_by_external_id(
        request: Request[Any, Any, Any],
        version: FromPath[str],
        sobject: FromPath[str],
        field: FromPath[str],
        value: FromPath[str],
    ) -> Response[bytes]:
        return await guarded(
            request,
            state,
            "sobject_get",
            lambda: get_by_external_id(state, version, sobject, field, value),
            entity=sobject,
        )

    @patch(_BASE + "/{record_id:str}", status_code=200)
    async def update(
        request: Request[Any, Any, Any], sobject: FromPath[str], record_id: FromPath[str]
    ) -> Response[bytes]:
        raw, origin = await request.body(), write_origin(request)
        return await guarded(
            request,
            state,
            "sobject_update",
            lambda: update_record(state, sobject, record_id, decode_json(raw), origin),
            entity=sobject,
        )

    @delete(_BASE + "/{record_id:str}", status_code=200)
    async def remove(
        request: Request[Any, Any, Any], sobject: FromPath[str], record_id: FromPath[str]
    ) -> Response[bytes]:
        origin = write_origin(request)
        return await guarded(
            request, state, "sobject_delete", lambda: delete_record(state, sobject, record_id, origin), entity=sobject
        )

    return [create, read, read_by_external_id, update, remove]
