"""What signing in and out sets on the response: the session cookie, and the session the client now holds."""

from __future__ import annotations

from litestar import Response
from litestar.status_codes import HTTP_204_NO_CONTENT

from application.identity.sessions import ActiveSession
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.schemas import SessionView


def signed_in(session: ActiveSession, cookie: SessionCookie, *, status: int = 200) -> Response[SessionView]:
    response = Response(
        SessionView(authenticated=True, user_id=session.user_id, csrf_token=session.csrf_token), status_code=status
    )
    cookie.set(response, session.session_id)
    return response


def signed_out(cookie: SessionCookie) -> Response[None]:
    response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
    cookie.clear(response)
    return response
