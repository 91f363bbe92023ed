"""Sign in and out, and whether this browser is signed in."""

from __future__ import annotations

from dishka.integrations.litestar import FromDishka, inject
from litestar import Controller, Request, Response, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from application.identity.log_in import LogIn, LogInCommand
from application.identity.log_out import LogOut
from application.identity.sessions import ActiveSession
from entrypoints.http import body_limits
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.request_auth import RequestAuth
from entrypoints.http.auth.responses import signed_in, signed_out
from entrypoints.http.auth.schemas import (
    LogInRequest,
    SessionView,
)
from entrypoints.http.client_ip import ClientIpResolver


class SessionsController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/login",
        operation_id="logIn",
        request_max_body_size=body_limits.LOGIN,
        status_code=200,
        summary="Sign in with email and password; starts a new session (a new id every time).",
    )
    @inject
    async def log_in(
        self,
        request: Request,  # type: ignore[type-arg]
        data: JSONBody[LogInRequest],
        log_in: FromDishka[LogIn],
        auth: FromDishka[RequestAuth],
        cookie: FromDishka[SessionCookie],
        client_ip: FromDishka[ClientIpResolver],
    ) -> Response[SessionView]:
        command = LogInCommand(
            email=data.email,
            password=data.password,
            client_ip=client_ip(request),
            current_session_id=cookie.read(request) if auth.session else None,
        )
        return signed_in(await log_in.execute(command), cookie)

    @post(
        "/logout",
        operation_id="logOut",
        status_code=HTTP_204_NO_CONTENT,
        summary="End this session.",
    )
    @inject
    async def log_out(
        self, session: FromDishka[ActiveSession], log_out: FromDishka[LogOut], cookie: FromDishka[SessionCookie]
    ) -> Response[None]:
        await log_out.execute(session)
        return signed_out(cookie)

    @post(
        "/logout-everywhere",
        operation_id="logOutEverywhere",
        status_code=HTTP_204_NO_CONTENT,
        summary="End every session of this user, on every device.",
    )
    @inject
    async def log_out_everywhere(
        self, session: FromDishka[ActiveSession], log_out: FromDishka[LogOut], cookie: FromDishka[SessionCookie]
    ) -> Response[None]:
        await log_out.execute(session, everywhere=True)
        return signed_out(cookie)

    @get("/session", operation_id="getSession", summary="Whether this browser is signed in, and its CSRF token.")
    @inject
    async def session(self, auth: FromDishka[RequestAuth]) -> SessionView:
        if auth.session is None:
            return SessionView(authenticated=False)
        return SessionView(authenticated=True, user_id=auth.session.user_id, csrf_token=auth.session.csrf_token)
