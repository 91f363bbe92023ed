"""CSRF protection for every unsafe method under /api (ASVS 3.5).

- With a session cookie: the `X-CSRF-Token` header must equal the session's token (synchronizer token, compared in
  constant time). The token is handed out by login and `GET /api/auth/session`, never in a cookie.
- Without one (login, sign-up, link, reset): the body must be JSON — which a cross-site form cannot send without a
  CORS preflight — and an `Origin` header, when present, must be ours.
- Handlers marked `opt={"csrf_exempt": True}` (the signed WHMCS webhook) authenticate by signature instead.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from application.identity.errors import CsrfTokenError
from entrypoints.http.auth.request_auth import RequestAuth

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
HEADER = "x-csrf-token"


class CsrfGuard:
    def __init__(self, allowed_origins: list[str]) -> None:
        self._allowed = {urlsplit(origin).netloc for origin in allowed_origins}

    async def __call__(self, connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        if connection.scope.get("method") not in UNSAFE_METHODS or handler.opt.get("csrf_exempt"):
            return
        auth: RequestAuth = await connection.state.dishka_container.get(RequestAuth)
        if auth.session is not None:
            # As bytes: compare_digest refuses str with non-ASCII characters, which a header may carry (a 500).
            sent = connection.headers.get(HEADER, "").encode()
            if not secrets.compare_digest(sent, auth.session.csrf_token.encode()):
                raise CsrfTokenError()
            return
        content_type = connection.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            raise CsrfTokenError("Send the request body as application/json.")
        origin = connection.headers.get("origin")
        if origin is not None and not self._ours(urlsplit(origin).netloc, connection.headers.get("host")):
            raise CsrfTokenError("Cross-site requests are not accepted.")

    def _ours(self, netloc: str, host: str | None) -> bool:
        # An opaque origin ("null": no host) is never ours, even from a client that sent no Host header either.
        return bool(netloc) and (netloc == host or netloc in self._allowed)
