"""A bound on requests carrying a body that one process handles at once; beyond it, an immediate 503.

A body is held in memory while it is read and decoded (up to its route's cap, `body_limits`), and the server
buffers more of it before we read. Without a bound, enough concurrent senders — no account needed for login or
sign-up — grow the process without limit. With it, memory for bodies stays under `limit` × (cap + decoded form),
and the overflow is told to retry (`Retry-After`) instead of waiting in a queue that grows with the attack.
Requests without a body (GET, and POSTs that send none) are never held back: they cost no such memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec
from litestar.enums import ScopeType

from entrypoints.http.problems import MEDIA_TYPE, new_problem
from entrypoints.http.request_id import current_request_id

if TYPE_CHECKING:
    from litestar.types import ASGIApp, Receive, Scope, Send

RETRY_AFTER_SECONDS = 1


def _carries_body(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return value.strip() not in {b"", b"0"}
        if name == b"transfer-encoding":
            return True
    return False


class BodyAdmission:
    def __init__(self, app: ASGIApp, limit: int) -> None:
        self._app = app
        self._limit = limit
        self._in_flight = 0

    @property
    def in_flight(self) -> int:
        return self._in_flight

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or not _carries_body(scope):
            await self._app(scope, receive, send)
            return
        if self._in_flight >= self._limit:
            await self._refuse(scope, send)
            return
        self._in_flight += 1
        try:
            await self._app(scope, receive, send)
        finally:
            self._in_flight -= 1

    @staticmethod
    async def _refuse(scope: Scope, send: Send) -> None:
        problem = new_problem(
            503, "OVERLOADED", "Service temporarily unavailable", request_id=current_request_id(scope) or None
        )
        body = msgspec.json.encode(problem)
        headers = [
            (b"content-type", MEDIA_TYPE.encode()),
            (b"content-length", str(len(body)).encode()),
            (b"retry-after", str(RETRY_AFTER_SECONDS).encode()),
            (b"connection", b"close"),  # the unread body is not worth reading to keep the connection
        ]
        await send({"type": "http.response.start", "status": 503, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
