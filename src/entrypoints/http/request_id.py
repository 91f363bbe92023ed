"""A request id on every response and every log line of that request, and one access-log line per request.

Wraps the whole ASGI app (outside Litestar's router and exception handling) so even a 404 for an unknown
route and a 500 carry it. A well-formed incoming `X-Request-ID` (from the load balancer) is kept.
"""

from __future__ import annotations

import logging
import re
import secrets
import time
from typing import TYPE_CHECKING

import structlog
from litestar.enums import ScopeType

from entrypoints.http.metrics import observe

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"
QUIET_PREFIX = "/api/health"  # probes hit these every few seconds: logged at debug only
log = structlog.get_logger("portal.access")
_access = logging.getLogger("portal.access")
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
        status = 500  # what the client sees if the app dies before answering
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), header]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self._app(scope, receive, send_with_id)
            finally:
                path = scope["path"]
                quiet = path.startswith(QUIET_PREFIX)
                # Checked first: at WARNING (production) building the line would cost more than the rest of this
                # middleware, for a line nobody sees.
                if _access.isEnabledFor(logging.DEBUG if quiet else logging.INFO):
                    emit = log.debug if quiet else log.info
                    elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
                    emit("request", method=scope["method"], path=path, status=status, duration_ms=elapsed_ms)
                observe(scope["method"], scope.get("path_template"), status, time.perf_counter() - started)
