"""The guard every account route carries: no session, 401, before anything else about the request is looked at.

Without it a request with no session but a malformed body or query would learn about our validation (400)
before being told to sign in; with it, every account route answers an anonymous caller the same way.
Ownership is checked later, in the use cases, with the ids of the caller's own link (`LinkedCustomer`).
"""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler

from application.errors import AuthenticationRequiredError
from entrypoints.http.auth.request_auth import RequestAuth


async def require_session(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    auth: RequestAuth = await connection.state.dishka_container.get(RequestAuth)
    if auth.session is None:
        raise AuthenticationRequiredError()
