"""`POST /emptool/api/<group>/<operation>/` with the single form field `json`, answered like Freebit."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec
from litestar import Request, Response, post
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath

from sandbox.faults import Fault, FaultKind, generic_response
from sandbox.freebit import codes
from sandbox.freebit.codes import Code, FreebitError, envelope
from sandbox.freebit.config import FreebitEmulatorConfig
from sandbox.freebit.operations.common import Call
from sandbox.freebit.operations.registry import AUTH_OPERATION, operation_table
from sandbox.freebit.state import FreebitState

NOT_FOUND_PAGE = b"<html><body><h1>404 Not Found</h1></body></html>"


def json_response(payload: dict[str, object]) -> Response[bytes]:
    # Freebit errors are reported in the body; the HTTP status is 200 either way (as far as is known).
    return Response(msgspec.json.encode(payload), status_code=200, media_type="application/json")


def error_response(code: Code, message: str | None = None) -> Response[bytes]:
    return json_response(envelope(code, message))


async def read_json_field(request: Request[Any, Any, Any]) -> dict[str, Any]:
    form = await request.form()
    raw = form.get("json")
    if not isinstance(raw, str):  # a raw JSON body, or no `json` field at all
        raise FreebitError(codes.MISSING_PARAMETER, "json")
    try:
        body = msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise FreebitError(codes.BAD_FORMAT, "json is not valid JSON") from exc
    if not isinstance(body, dict):
        raise FreebitError(codes.BAD_FORMAT, "json must be an object")
    return body


def api_handler(state: FreebitState, config: FreebitEmulatorConfig) -> HTTPRouteHandler:
    table = operation_table(config)

    @post("/emptool/api/{operation:path}", status_code=200, include_in_schema=False)
    async def freebit_api(request: Request[Any, Any, Any], operation: FromPath[str]) -> Response[bytes]:
        name = operation.strip("/")
        handler = table.get(name)
        # Freebit paths end with a slash (Litestar strips it from `path`, not from `raw_path`).
        if handler is None or not request.scope.get("raw_path", b"").endswith(b"/"):
            return Response(NOT_FOUND_PAGE, status_code=404, media_type="text/html")
        state.settle()
        fault = state.faults.take(name)
        if fault is not None and fault.kind is not FaultKind.APPLY_THEN_TIMEOUT:
            if fault.kind is FaultKind.AUTH_FAILURE:
                return error_response(codes.AUTH_REJECTED if name == AUTH_OPERATION else codes.AUTH_KEY_INVALID)
            early = await generic_response(fault)
            if early is not None:
                return early
        try:
            body = await read_json_field(request)
            if name != AUTH_OPERATION and not state.auth_key_valid(body.get("authKey")):
                raise FreebitError(codes.AUTH_KEY_INVALID)
            reply = {**envelope(codes.OK), **handler(Call(state, config, body))}
        except FreebitError as exc:
            return error_response(exc.code, exc.message)
        if fault is not None:  # applied; now the caller never hears back
            return await _lose_answer(fault)
        return json_response(reply)

    return freebit_api


async def _lose_answer(fault: Fault) -> Response[bytes]:
    await asyncio.sleep((fault.delay_ms or 60_000) / 1000)
    return Response(b"", status_code=504, media_type="text/plain")
