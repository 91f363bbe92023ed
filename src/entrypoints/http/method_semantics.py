"""HEAD and OPTIONS as HTTP defines them (RFC 9110 §9.3.2, §9.3.7), for every path the app has.

- `HEAD` runs as the path's `GET` (the public catalog's fast path included, which sits inside this) and sends the
  same status and headers — Content-Length, ETag, Cache-Control — without the body.
- `OPTIONS` answers 204 with `Allow` naming every method of the path (HEAD wherever there is a GET), before any
  guard: knowing which methods exist needs no session. A CORS preflight (with `Access-Control-Request-Method`)
  goes on to the framework's CORS handling instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from litestar.enums import ScopeType
from litestar.routes import HTTPRoute

if TYPE_CHECKING:
    from litestar.routes import BaseRoute
    from litestar.types import ASGIApp, Message, Receive, Scope, Send


def _pattern(path: str) -> re.Pattern[str]:
    segments = ("[^/]+" if segment.startswith("{") else re.escape(segment) for segment in path.split("/"))
    return re.compile("^" + "/".join(segments) + "/?$")


def allowed_methods(methods: Iterable[str]) -> str:
    named = {method.upper() for method in methods} | {"OPTIONS"}
    if "GET" in named:
        named.add("HEAD")
    return ", ".join(sorted(named))


class PathMethods:
    """The methods of each path of the route table (static paths before parameterised ones)."""

    def __init__(self, routes: Iterable[BaseRoute]) -> None:
        http = [route for route in routes if isinstance(route, HTTPRoute)]
        self._static = {route.path: {str(m) for m in route.methods} for route in http if "{" not in route.path}
        self._patterns = [(_pattern(r.path), {str(m) for m in r.methods}) for r in http if "{" in r.path]

    def of(self, path: str) -> set[str] | None:
        found = self._static.get(path) or self._static.get(path.rstrip("/") or "/")
        if found is not None:
            return found
        return next((methods for pattern, methods in self._patterns if pattern.match(path)), None)


class MethodSemantics:
    def __init__(self, app: ASGIApp, paths: PathMethods) -> None:
        self._app = app
        self._paths = paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method")
        if scope["type"] != ScopeType.HTTP or method not in ("HEAD", "OPTIONS"):
            await self._app(scope, receive, send)
            return
        if method == "HEAD":
            as_get: Scope = {**scope, "method": "GET"}
            try:
                await self._app(as_get, receive, _without_body(send))
            finally:
                scope["path_template"] = as_get.get("path_template")
            return
        methods = self._paths.of(scope["path"])
        preflight = any(name == b"access-control-request-method" for name, _ in scope["headers"])
        if methods is None or preflight:
            await self._app(scope, receive, send)
            return
        headers = [(b"allow", allowed_methods(methods).encode()), (b"cache-control", b"no-cache")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})


def _without_body(send: Send) -> Send:
    ended = False

    async def send_headers_only(message: Message) -> None:
        nonlocal ended
        if message["type"] == "http.response.body":
            if ended:
                return  # a streamed GET goes on; its HEAD answer is already complete
            ended = True
            message = {"type": "http.response.body", "body": b"", "more_body": False}
        await send(message)

    return send_headers_only
