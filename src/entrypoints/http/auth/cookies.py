from __future__ import annotations

from typing import Any

from litestar import Response
from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie


class SessionCookie:
    """`__Host-portal_session`: Secure, HttpOnly, SameSite=Lax, Path=/, no Domain — the browser enforces all of it.

    Plain-HTTP development cannot use Secure cookies, and the `__Host-` prefix requires Secure, so there the name
    drops the prefix (`portal_session`).
    """

    def __init__(self, *, secure: bool, max_age_seconds: int) -> None:
        self.secure = secure
        self.name = "__Host-portal_session" if secure else "portal_session"
        self._max_age = max_age_seconds

    def read(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
        return connection.cookies.get(self.name) or None

    def set(self, response: Response[Any], session_id: str) -> None:
        response.set_cookie(self._cookie(session_id, self._max_age))

    def clear(self, response: Response[Any]) -> None:
        response.set_cookie(self._cookie("", 0))

    def _cookie(self, value: str, max_age: int) -> Cookie:
        return Cookie(
            key=self.name,
            value=value,
            max_age=max_age,
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="lax",
        )
