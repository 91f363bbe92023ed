"""`POST /cometd/<version>`: the HTTP side of the long-polling transport.

Bayeux errors travel inside 200 replies; only what Salesforce answers at HTTP level (bad version, no bearer
token, oversized batch) and the injected transport faults use other statuses.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import msgspec
from litestar import Request, Response, post
from litestar.datastructures import Cookie
from litestar.handlers import HTTPRouteHandler
from litestar.params import FromPath

from sandbox.faults import Fault, FaultKind, FaultPlan, generic_response
from sandbox.salesforce.streaming.bayeux import BayeuxServer
from sandbox.salesforce.streaming.long_poll import ClientGoneError, ConnectionDroppedError
from sandbox.salesforce.streaming.replies import (
    ADVICE_NONE,
    AUTHENTICATION_INVALID,
    AUTHENTICATION_REQUIRED,
    VERSION_MANDATORY,
    VERSION_UNSUPPORTED,
    Message,
    failure,
)

MAX_REQUEST_BYTES = 32_768
OLDEST_VERSION = (37, 0)
_VERSION = re.compile(r"^(\d{2,3})\.(\d)$")
_BEARER = re.compile(r"^(?:Bearer|OAuth)\s+(\S+)$", re.IGNORECASE)


def cometd_routes(server: BayeuxServer, faults: FaultPlan) -> list[HTTPRouteHandler]:
    @post("/cometd", status_code=200, include_in_schema=False)
    async def cometd_without_version(request: Request[Any, Any, Any]) -> Response[bytes]:
        batch = _decode_batch(await request.body()) or [{}]
        return _json([failure(message, VERSION_MANDATORY) for message in batch], status=400)

    @post("/cometd/{version:str}", status_code=200, include_in_schema=False)
    async def cometd(request: Request[Any, Any, Any], version: FromPath[str]) -> Response[bytes]:
        parsed = _parse_request(await request.body(), request.headers.get("authorization", ""), version)
        if isinstance(parsed, Response):
            return parsed
        batch, token, api_version = parsed
        fault = faults.take(str(batch[0].get("channel", "")) if batch else "")
        refusal = await _act_out(fault, batch)
        if refusal is not None:
            return refusal

        async def client_gone() -> None:
            # The body is read, so the only thing left to receive is the client hanging up.
            while (await request.receive())["type"] != "http.disconnect":
                continue

        try:
            replies = await server.handle(batch, token=token, api_version=api_version, client_gone=client_gone)
        except ConnectionDroppedError:
            return Response(b"Service Unavailable", status_code=503, media_type="text/plain")
        except ClientGoneError:
            return Response(b"", status_code=499, media_type="text/plain")  # nobody is listening
        if fault is not None and fault.kind is FaultKind.APPLY_THEN_TIMEOUT:
            # Answered (events spent) but the reply never arrives: a delivery lost in transit.
            await asyncio.sleep((fault.delay_ms or 60_000) / 1000)
            return Response(b"", status_code=504, media_type="text/plain")
        return _json(replies)

    return [cometd_without_version, cometd]


async def _act_out(fault: Fault | None, batch: list[Message]) -> Response[bytes] | None:
    """The answer an armed fault gives instead of the emulator (None: go on, maybe after a delay)."""
    if fault is None or fault.kind is FaultKind.APPLY_THEN_TIMEOUT:
        return None
    if fault.kind is FaultKind.AUTH_FAILURE:
        return _json([failure(m, AUTHENTICATION_INVALID, advice=ADVICE_NONE) for m in batch])
    return await generic_response(fault)


def _parse_request(
    raw: bytes, authorization: str, version: str
) -> tuple[list[Message], str, tuple[int, int]] | Response[bytes]:
    """The batch, bearer token and API version; or the HTTP-level refusal Salesforce answers with."""
    if len(raw) > MAX_REQUEST_BYTES:
        return Response(b"Request Entity Too Large", status_code=413, media_type="text/plain")
    batch = _decode_batch(raw)
    if batch is None:
        return Response(b"Malformed JSON", status_code=400, media_type="text/plain")
    api_version = _parse_version(version)
    if isinstance(api_version, str):
        return _json([failure(message, api_version) for message in batch], status=400)
    match = _BEARER.match(authorization)
    if match is None:
        return _json([failure(m, AUTHENTICATION_REQUIRED, advice=ADVICE_NONE) for m in batch], status=401)
    return batch, match.group(1), api_version


def _decode_batch(raw: bytes) -> list[Message] | None:
    try:
        decoded = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return None
    batch = decoded if isinstance(decoded, list) else [decoded]  # Salesforce tolerates a bare message
    if not all(isinstance(message, dict) for message in batch):
        return None
    return batch


def _parse_version(version: str) -> tuple[int, int] | str:
    match = _VERSION.match(version)
    if match is None:
        return VERSION_MANDATORY
    parsed = (int(match.group(1)), int(match.group(2)))
    return VERSION_UNSUPPORTED if parsed < OLDEST_VERSION else parsed


def _json(replies: list[Message], *, status: int = 200) -> Response[bytes]:
    cookies = []
    if any(reply.get("channel") == "/meta/handshake" and reply.get("successful") for reply in replies):
        # Salesforce pins a session to one server with these; aiohttp drops cookies for IP hosts, so the
        # emulator sets them but does not insist on getting them back.
        cookies = [Cookie(key="BAYEUX_BROWSER", value="emulator"), Cookie(key="sfdc-stream", value="emulator")]
    return Response(msgspec.json.encode(replies), status_code=status, media_type="application/json", cookies=cookies)
