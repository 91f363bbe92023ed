"""What every REST call passes before it reaches a resource: armed faults, the bearer token, the API quota.

It also turns `ApiError` into Salesforce's error array and stamps `Sforce-Limit-Info` on every answer.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import msgspec
from litestar import Request, Response

from sandbox.faults import Fault, FaultKind, generic_response
from sandbox.salesforce.api_versions import is_supported
from sandbox.salesforce.changes import WriteOrigin
from sandbox.salesforce.errors import ApiError
from sandbox.salesforce.state import SalesforceState

JSON = "application/json;charset=UTF-8"
_SESSION_EXPIRED = ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid")
_SALESFORCE_FAULT_BODIES = {
    403: ("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."),
    500: ("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support."),
    503: ("SERVER_UNAVAILABLE", "Server temporarily unavailable. Please try again later."),
}

Work = Callable[[], tuple[int, Any]]


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response[bytes]:
    content = b"" if status == 204 else msgspec.json.encode(body)
    return Response(content, status_code=status, media_type=JSON, headers=headers or {})


def error_response(error: ApiError) -> Response[bytes]:
    return json_response(error.status, error.body())


def write_origin(request: Request[Any, Any, Any]) -> WriteOrigin:
    """The REST API version in the path and the caller's `client=` name: CDC's changeOrigin."""
    version = str(request.path_params.get("version", "")).removeprefix("v") or None
    return WriteOrigin(api_version=version, client=call_options_client(request))


def call_options_client(request: Request[Any, Any, Any]) -> str | None:
    """`client=` of the Sforce-Call-Options header, which CDC reports in changeOrigin."""
    header = request.headers.get("sforce-call-options", "")
    for option in header.split(","):
        key, _, value = option.strip().partition("=")
        if key.strip().lower() == "client" and value.strip():
            return value.strip()
    return None


def bearer_token(request: Request[Any, Any, Any]) -> str | None:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() in ("bearer", "oauth") and token.strip() else None


def take_fault(state: SalesforceState, operation: str, entity: str | None) -> Fault | None:
    if entity is not None:
        specific = state.faults.take(f"{operation}:{entity}")
        if specific is not None:
            return specific
    return state.faults.take(operation)


async def guarded(
    request: Request[Any, Any, Any],
    state: SalesforceState,
    operation: str,
    work: Work,
    *,
    entity: str | None = None,
) -> Response[bytes]:
    """Run `work` (returning status and JSON body) as Salesforce would answer an authenticated REST call.

    Fault operations: `query`, `sobject_get`, `sobject_create`, `sobject_update`, `sobject_delete`,
    `composite`, `collections`, `describe`, `limits`, `resources` (each optionally `:<sObject>`), or `*`.
    """
    if not is_supported(str(request.path_params.get("version", ""))):
        return error_response(ApiError(404, "NOT_FOUND", "The requested resource does not exist"))
    fault = take_fault(state, operation, entity)
    if fault is not None:
        answered = await _act_out(fault, state, work)
        if answered is not None:
            return answered
    token = bearer_token(request)
    if token is None or not state.tokens.is_valid(token):
        return error_response(_SESSION_EXPIRED)
    state.api_requests += 1
    if state.api_requests > state.daily_api_limit:
        return error_response(ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."))
    limit_info = {"Sforce-Limit-Info": f"api-usage={state.api_requests}/{state.daily_api_limit}"}
    try:
        status, body = work()
    except ApiError as error:
        return json_response(error.status, error.body(), limit_info)
    return json_response(status, body, limit_info)


async def _act_out(fault: Fault, state: SalesforceState, work: Work) -> Response[bytes] | None:
    if fault.kind is FaultKind.AUTH_FAILURE:
        return error_response(_SESSION_EXPIRED)
    if fault.kind is FaultKind.HTTP_ERROR and fault.status in _SALESFORCE_FAULT_BODIES:
        code, message = _SALESFORCE_FAULT_BODIES[fault.status]
        return error_response(ApiError(fault.status, code, message))
    if fault.kind is FaultKind.APPLY_THEN_TIMEOUT:
        with contextlib.suppress(ApiError):  # the caller never learns the outcome either way
            work()
        await asyncio.sleep((fault.delay_ms or 60_000) / 1000)
        return Response(b"", status_code=504, media_type="text/plain")
    return await generic_response(fault)


def decode_json(raw: bytes) -> Any:
    try:
        return msgspec.json.decode(raw) if raw else {}
    except msgspec.DecodeError as exc:
        raise ApiError(400, "JSON_PARSER_ERROR", f"Unexpected character in request body: {exc}") from exc
