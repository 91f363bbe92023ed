"""A request id on every response and every log line of that request.

Wraps the whole ASGI app (outside Litestar's router and exception handling) so even a 404 for an unknown
route and a 500 carry it. A well-formed incoming `X-Request-ID` (from the load balancer) is kept.
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

import structlog
from litestar.enums import ScopeType

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"
_ACCEPTABLE = re.compile(rb"^[A-Za-z0-9._-]{8,128}$")


def current_request_id(scope: Scope) -> str:
    return str(scope.get("state", {}).get("request_id", ""))


class RequestIdMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self._app(scope, receive, send)
            return
        incoming = next((value for name, value in scope["headers"] if name == HEADER), b"")
        request_id = incoming.decode() if _ACCEPTABLE.match(incoming) else secrets.token_hex(12)
        scope.setdefault("state", {})["request_id"] = request_id
        header = (HEADER, request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            await self._app(scope, receive, send_with_id)
